using Reach.Serve.Config;
using Reach.Serve.Http;
using Reach.Serve.Probing;

namespace Reach.Serve.Scheduling;

/// <summary>
/// `reach serve --schedule`: each check of reach.yml runs every interval plus a random part of its
/// jitter (so that a fleet started together does not probe in step), through the same module policy
/// as /probe, and its last result is what /metrics exports as reach_scheduled_*. A reload stops the
/// old loops and starts the new ones.
/// </summary>
public sealed class Scheduler(ServeContext serve) : IDisposable
{
    private readonly Lock gate = new();
    private CancellationTokenSource? running;

    public void Start(ServeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var next = new CancellationTokenSource();
        CancellationTokenSource? old;
        lock (gate)
        {
            old = running;
            running = next;
        }

        old?.Cancel();
        old?.Dispose();
        serve.Metrics.KeepScheduled(settings.Config.Schedule);
        foreach (var check in settings.Config.Schedule)
        {
            _ = LoopAsync(check, settings.Config, next.Token);
        }
    }

    private async Task LoopAsync(ScheduledCheck check, ServeConfig config, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Jitter(check), serve.Clock, cancellationToken).ConfigureAwait(false);
            while (!cancellationToken.IsCancellationRequested)
            {
                await RunOnceAsync(check, config, cancellationToken).ConfigureAwait(false);
                await Task.Delay(check.Interval + Jitter(check), serve.Clock, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped or reloaded.
        }
    }

    private async Task RunOnceAsync(ScheduledCheck check, ServeConfig config, CancellationToken cancellationToken)
    {
        var (prepared, refusal) = ProbeRunner.Prepare(config, check.Target, check.Module, null);
        if (prepared is not null)
        {
            (var result, refusal) = await serve.Runner.RunAsync(prepared, cancellationToken).ConfigureAwait(false);
            if (result is not null)
            {
                serve.Metrics.Scheduled(check, result);
                serve.Recent.Add(result);
                serve.Log.Line($"schedule {check.Name}: {check.Target} {result.Code} in {result.Duration.TotalMilliseconds:0} ms");
                return;
            }
        }

        serve.Log.Line($"schedule {check.Name}: {check.Target} not probed: {refusal!.Reason}");
    }

    private static TimeSpan Jitter(ScheduledCheck check) =>
        check.Jitter <= TimeSpan.Zero ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * check.Jitter.TotalMilliseconds);

    public void Dispose()
    {
        lock (gate)
        {
            running?.Cancel();
            running?.Dispose();
            running = null;
        }
    }
}
