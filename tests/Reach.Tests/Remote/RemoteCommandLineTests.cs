using System.Diagnostics;
using Reach.Engine.Remote;
using Xunit;

namespace Reach.Tests.Remote;

/// <summary>
/// What is sent to the remote shell: every argument must come out of `sh -c LINE` exactly as it went in,
/// whatever it holds. The line is evaluated by a real /bin/sh here, as sshd's login shell would.
/// </summary>
public sealed class RemoteCommandLineTests
{
    public static TheoryData<string> Hostile => new()
    {
        "web1:80; touch /tmp/reach-pwned",
        "$(touch /tmp/reach-pwned)",
        "`touch /tmp/reach-pwned`",
        "a'b",
        "'; touch /tmp/reach-pwned; '",
        "\"$HOME\"",
        "line1\nline2",
        "--help",
        "*",
        "~root",
        "back\\slash",
        "a && b || c | d > /tmp/reach-pwned < /etc/passwd &",
        "${IFS}x",
        "",
        "  spaces  ",
        "tab\tand\u00e9\u00fc unicode",
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void A_quoted_argument_reaches_the_remote_command_unchanged(string argument)
    {
        File.Delete("/tmp/reach-pwned");
        var args = Shell(ShellQuote.Join(["x", argument, "y"]));

        Assert.Equal(["x", argument, "y"], args);
        Assert.False(File.Exists("/tmp/reach-pwned"));
    }

    [Fact]
    public void The_invocation_ends_options_and_sends_one_quoted_command()
    {
        Assert.True(SshDestination.TryParse("ssh://root@web1:2222", out var d, out _));
        var inv = SshInvocation.Build(d, ["reach", "check", "web1:80;id"], null, TimeSpan.FromSeconds(5));

        Assert.Equal("ssh", inv.FileName);
        Assert.Equal(["-o", "BatchMode=yes", "-o", "ConnectTimeout=5", "-p", "2222", "-l", "root", "--", "web1", "'reach' 'check' 'web1:80;id'"], inv.Arguments);
    }

    [Fact]
    public void REACH_SSH_COMMAND_is_run_by_sh_with_the_arguments_appended_as_git_does()
    {
        Assert.True(SshDestination.TryParse("ssh://web1", out var d, out _));
        // A command with its own options and quoting, as a user would write it; printf stands in for ssh.
        var inv = SshInvocation.Build(d, ["reach", "a b"], "printf '%s\\n' -F '/my dir/config'", TimeSpan.FromSeconds(3));

        var (exit, output) = Run(inv.FileName, inv.Arguments);

        Assert.Equal(0, exit);
        Assert.Equal(["-F", "/my dir/config", "-o", "BatchMode=yes", "-o", "ConnectTimeout=3", "--", "web1", "'reach' 'a b'"], output.TrimEnd('\n').Split('\n'));
    }

    [Theory]
    [InlineData("ssh://-oProxyCommand=touch%20x")]
    [InlineData("ssh://web1;id")]
    [InlineData("ssh://web1 -p 22")]
    [InlineData("ssh://$(id)")]
    [InlineData("ssh://-l@web1")]
    [InlineData("web1")]
    [InlineData("ssh://web1:0")]
    [InlineData("ssh://[web1]:22")]
    public void Destinations_that_ssh_could_read_as_options_or_a_shell_could_expand_are_refused(string text)
    {
        Assert.False(SshDestination.TryParse(text, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error.ToString()));
    }

    [Theory]
    [InlineData("ssh://web1", null, "web1", null)]
    [InlineData("ssh://admin@10.1.2.5:2222", "admin", "10.1.2.5", 2222)]
    [InlineData("ssh://[fd00::5]:22", null, "fd00::5", 22)]
    [InlineData("ssh://web1.example.net/", null, "web1.example.net", null)]
    public void Destinations_parse(string text, string? user, string host, int? port)
    {
        Assert.True(SshDestination.TryParse(text, out var d, out var error), error?.ToString());
        Assert.Equal((user, host, port), (d.User, d.Host, d.Port));
    }

    private static string[] Shell(string line)
    {
        // printf prints each argument NUL-terminated: the only separator an argument cannot hold.
        var (exit, output) = Run("/bin/sh", ["-c", "printf '%s\\0' " + line]);
        Assert.Equal(0, exit);
        return output.Split('\0')[..^1];
    }

    private static (int Exit, string Output) Run(string file, IReadOnlyList<string> args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var p = Process.Start(start)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output);
    }
}
