using System.ComponentModel;
using System.Diagnostics;

namespace Reach.Readers.Sources;

/// <summary>The host this process runs on. Read-only: it reads files and runs listing commands, nothing else.</summary>
public sealed class LiveSystem : ISystemSource
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(10);

    public string? ReadFile(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // /sys answers EINVAL for the carrier of an admin-down interface: "unreadable" is the fact.
            return null;
        }
    }

    public bool Exists(string path) => File.Exists(path) || Directory.Exists(path);

    public IReadOnlyList<string> ListDirectory(string path)
    {
        try
        {
            return Directory.Exists(path) ? Directory.EnumerateFileSystemEntries(path).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList() : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    public async Task<CommandResult> RunAsync(string file, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        // Parse the output of tools in the C locale, whatever the operator's shell uses.
        start.Environment["LC_ALL"] = "C";
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception($"{file} did not start");
        }
        catch (Win32Exception)
        {
            return CommandResult.NotFound(file);
        }

        using (process)
        {
            // A listing tool that hangs (a wedged netlink, a stuck NFS mount for ss -p) must not hang the diagnosis.
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(CommandTimeout);
            var stdout = process.StandardOutput.ReadToEndAsync(deadline.Token);
            var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
            try
            {
                await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                if (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }

                return new CommandResult(124, string.Empty, $"{file} did not finish within {CommandTimeout.TotalSeconds:0} s");
            }

            return new CommandResult(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        }
    }
}
