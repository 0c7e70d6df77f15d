using System.Globalization;

namespace Reach.Engine.Remote;

/// <summary>
/// The process that runs a command on a remote host: the system's ssh(1), or REACH_SSH_COMMAND run by
/// /bin/sh exactly as git runs GIT_SSH_COMMAND (`sh -c 'CMD "$@"' CMD ARGS…`), so it may carry options,
/// a config file or a wrapper. BatchMode never lets ssh ask for a password or a host key confirmation
/// (it would hang on a prompt nobody sees); ConnectTimeout bounds a silent host. Options the user's
/// command already gives win: ssh keeps the first value of each option (ssh_config(5)).
/// </summary>
public sealed record SshInvocation(string FileName, IReadOnlyList<string> Arguments)
{
    public const string EnvironmentVariable = "REACH_SSH_COMMAND";

    public static SshInvocation Build(SshDestination destination, IReadOnlyList<string> remoteCommand, string? sshCommand, TimeSpan connectTimeout)
    {
        var args = new List<string>
        {
            "-o", "BatchMode=yes",
            "-o", "ConnectTimeout=" + Math.Max(1, (int)Math.Ceiling(connectTimeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture),
        };
        if (destination.Port is { } port)
        {
            args.AddRange(["-p", port.ToString(CultureInfo.InvariantCulture)]);
        }

        if (destination.User is { } user)
        {
            args.AddRange(["-l", user]);
        }

        // "--" ends ssh's options; the host was checked not to look like one anyway. The remote command
        // is one string (ssh would join several with spaces): every word quoted for the remote shell.
        args.AddRange(["--", destination.Host, ShellQuote.Join(remoteCommand)]);

        return string.IsNullOrWhiteSpace(sshCommand)
            ? new SshInvocation("ssh", args)
            : new SshInvocation("/bin/sh", ["-c", sshCommand + " \"$@\"", sshCommand, .. args]);
    }
}
