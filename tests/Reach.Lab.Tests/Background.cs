using System.Diagnostics;
using System.Text;

namespace Reach.Lab.Tests;

/// <summary>A long-running process inside a lab namespace (reach serve, Prometheus), with its output kept; killed on dispose.</summary>
public sealed class Background : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private Background(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => Add(e.Data);
        process.ErrorDataReceived += (_, e) => Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public bool HasExited => process.HasExited;

    public static Background Start(string host, IReadOnlyList<string> command)
    {
        var start = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in (string[])["netns", "exec", Lab.Ns(host), .. command])
        {
            start.ArgumentList.Add(a);
        }

        return new Background(Process.Start(start)!);
    }

    /// <summary>Waits until the output holds <paramref name="text"/>; false when the process ended or the time ran out first.</summary>
    public bool WaitFor(string text, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (Output.Contains(text, StringComparison.Ordinal))
            {
                return true;
            }

            if (process.HasExited)
            {
                return false;
            }

            Thread.Sleep(50);
        }

        return false;
    }

    private void Add(string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }

        process.Dispose();
    }
}
