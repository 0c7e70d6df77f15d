using System.Diagnostics;

namespace Reach.Tests.Cli;

/// <summary>The published NativeAOT binary (out/reach, made by scripts/build.sh), run as a real process.</summary>
internal static class PublishedCli
{
    public static string Path { get; } = System.IO.Path.Combine(FindRoot(), "out", "reach");

    /// <summary>Runs a /bin/sh script with $0 set to out/reach: the shell does what the test needs to stdout (close it, a dead pipe).</summary>
    public static (int Exit, string Stdout, string Stderr) Shell(string script, params string[] args)
    {
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in (string[])["-c", script, Path, .. args])
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"sh -c '{script}' did not end within 60 s");
        }

        return (process.ExitCode, stdout, stderr.Result);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "reach.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("reach.slnx not found above the test directory");
    }
}
