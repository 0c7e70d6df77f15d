using System.Diagnostics;

namespace Reach.Tests.Deploy;

/// <summary>Runs a real tool (promtool, node) for the deployment files' tests.</summary>
internal static class Tool
{
    public static (int Exit, string Output) Run(string file, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workingDirectory };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            p.Kill(true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} ran longer than 3 minutes");
        }

        return (p.ExitCode, stdout.Result + stderr.Result);
    }
}
