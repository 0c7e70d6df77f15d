using System.Diagnostics;
using System.Globalization;
using System.Text;
using Reach.Core.Joining;

namespace Reach.Engine.Remote;

/// <summary>
/// One remote reach run over SSH, from start to a <see cref="RemoteEnd"/>. Never throws for what the
/// remote side did: refused, timed out, no reach there, too old, garbage, killed: each becomes one line.
/// The server end signals on stderr when its packet socket is open (<see cref="Ready"/>), and ends its
/// watch when its stdin closes (<see cref="FinishInput"/>): this host closes it once its probes are done.
/// </summary>
public sealed class RemoteRun : IRemoteRun
{
    /// <summary>What the server end prints on stderr once it watches; see reach local --watch.</summary>
    public const string WatchingLine = "reach: watching";

    /// <summary>What it prints instead when it cannot watch (no CAP_NET_RAW): no reason to wait longer.</summary>
    public const string CannotWatchLine = "reach: cannot watch";

    private readonly Process process;
    private readonly Clock clock;
    private readonly TimeProvider time;
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> stderr = [];
    private readonly Task<string> stdout;
    private readonly Task stderrDone;
    private readonly RemoteRole role;
    private readonly string via;
    private readonly string what;

    private RemoteRun(Process process, RemoteRole role, string via, string what, TimeProvider time)
    {
        this.process = process;
        this.time = time;
        clock = new Clock(time);
        this.role = role;
        this.via = via;
        this.what = what;
        stdout = ReadBoundedAsync(process.StandardOutput.BaseStream);
        stderrDone = ReadStderrAsync();
    }

    /// <summary>Completes when the remote end says it watches, or when it ended without saying so.</summary>
    public Task Ready => ready.Task;

    /// <summary>Starts the transport; a failure to start is already an answer.</summary>
    /// <param name="what">The remote command's name for messages: "reach local", "reach check".</param>
    public static (RemoteRun? Run, RemoteEnd? Failed) Start(RemoteRole role, SshInvocation invocation, string via, string what) =>
        Start(role, invocation, via, what, TimeProvider.System);

    /// <summary>As above, on <paramref name="time"/>: the deadline and the run's duration (a fake clock in tests).</summary>
    internal static (RemoteRun? Run, RemoteEnd? Failed) Start(RemoteRole role, SshInvocation invocation, string via, string what, TimeProvider time)
    {
        var start = new ProcessStartInfo(invocation.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in invocation.Arguments)
        {
            start.ArgumentList.Add(a);
        }

        try
        {
            var p = Process.Start(start);
            return p is null
                ? (null, RemoteEnd.Failed(role, via, $"{via}: could not start {invocation.FileName}", 0))
                : (new RemoteRun(p, role, via, what, time), null);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (null, RemoteEnd.Failed(role, via, $"{via}: could not start {invocation.FileName}: {e.Message} (is openssh-client installed?)", 0));
        }
    }

    /// <summary>Closes the remote end's stdin: it sees EOF (ssh forwards it as the channel's EOF, RFC 4254 5.3).</summary>
    public void FinishInput()
    {
        try
        {
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The remote side is already gone; its exit status will tell why.
        }
    }

    /// <summary>Waits for the answer until <paramref name="deadline"/> (from the start), then kills the transport.</summary>
    public async Task<RemoteEnd> FinishAsync(TimeSpan deadline, CancellationToken cancellationToken)
    {
        var left = deadline - clock.Elapsed;
        using var expired = new CancellationTokenSource(left > TimeSpan.Zero ? left : TimeSpan.Zero, time);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, expired.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill();
            cancellationToken.ThrowIfCancellationRequested();
            return Fail($"no answer within {deadline.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s: the remote {what} was stopped (a hung host, sshd or command?)");
        }

        var output = await stdout.ConfigureAwait(false);
        await stderrDone.ConfigureAwait(false);
        var exit = process.ExitCode;
        var said = LastStderr();
        if (output.Length > ReportJsonParser.MaxBytes)
        {
            return Fail($"its answer is larger than {ReportJsonParser.MaxBytes} bytes: not a reach report");
        }

        if (ReportJsonParser.TryParse(output, out var report, out var error))
        {
            return new RemoteEnd(role, via, true, null, Ms(), report);
        }

        // No report: say why in the words of whoever failed (ssh, the remote shell, reach).
        return exit switch
        {
            255 => Fail($"ssh failed: {said ?? "exit 255"}"),
            127 => Fail($"no reach on the remote PATH (give --remote-reach PATH): {said ?? "command not found"}"),
            126 => Fail($"the remote reach cannot be run: {said ?? "permission denied"}"),
            2 when said is not null && said.Contains("reach:", StringComparison.Ordinal) => Fail($"the remote reach refused the request (too old for it?): {said}"),
            0 or 1 or 3 => Fail($"bad answer from the remote {what}: {error}"),
            _ when output.Trim().Length > 0 => Fail($"bad answer from the remote {what} (exit {exit}): {error}"),
            _ => Fail($"the remote {what} exited {exit} without a report{(said is null ? string.Empty : ": " + said)}"),
        };
    }

    private RemoteEnd Fail(string why) => RemoteEnd.Failed(role, via, $"{via}: {why}", Ms());

    private double Ms() => Math.Round(clock.Elapsed.TotalMilliseconds, 1);

    private string? LastStderr()
    {
        lock (stderr)
        {
            var line = stderr.LastOrDefault(l => !l.StartsWith(WatchingLine, StringComparison.Ordinal) && l.Trim().Length > 0);
            return line is null ? null : ReportJsonParser.Excerpt(line.Length > 160 ? line[..160] : line);
        }
    }

    /// <summary>Reads at most one byte more than a report may hold, then drains the rest unread.</summary>
    private static async Task<string> ReadBoundedAsync(Stream stream)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[16384];
        int n;
        while ((n = await stream.ReadAsync(chunk).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length <= ReportJsonParser.MaxBytes)
            {
                buffer.Write(chunk, 0, n);
            }
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)Math.Min(buffer.Length, ReportJsonParser.MaxBytes + 1));
    }

    private async Task ReadStderrAsync()
    {
        try
        {
            string? line;
            var total = 0;
            while ((line = await process.StandardError.ReadLineAsync().ConfigureAwait(false)) is not null)
            {
                if (line.StartsWith(WatchingLine, StringComparison.Ordinal) || line.StartsWith(CannotWatchLine, StringComparison.Ordinal))
                {
                    ready.TrySetResult();
                }

                total += line.Length;
                if (total < 65536)
                {
                    lock (stderr)
                    {
                        stderr.Add(line);
                    }
                }
            }
        }
        finally
        {
            ready.TrySetResult();
        }
    }

    private void Kill()
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It ended on its own in the meantime.
        }
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            Kill();
        }

        process.Dispose();
    }
}
