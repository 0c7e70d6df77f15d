using System.Net;
using Reach.Core.Watching;
using Reach.Probes;
using Reach.Readers;
using Reach.Readers.Parsing;

namespace Reach.Engine;

/// <summary>
/// The real kernel watch: <see cref="DropWatcher"/> (eBPF), its events' locations named from
/// /proc/kallsyms; where it cannot load, <see cref="TracefsDropCounter"/>'s host-wide kfree_skb counts.
/// </summary>
internal sealed class LiveKernelWatch : IKernelWatch
{
    public static readonly LiveKernelWatch Instance = new();

    public IKernelCapture Open(IPAddress client, int port)
    {
        if (DropWatcher.TryOpen(client, port, out var error) is { } watcher)
        {
            return new Bpf(watcher);
        }

        var counter = TracefsDropCounter.TryStart(out var fallbackError);
        return new Fallback(error ?? "not loaded", counter, fallbackError);
    }

    private sealed class Bpf(DropWatcher watcher) : IKernelCapture
    {
        public string? Error => null;

        public async Task<KernelWatch> CollectAsync(TimeSpan window, CancellationToken stop)
        {
            var kernel = await watcher.CollectAsync(window, stop).ConfigureAwait(false);
            var functions = KernelSymbols.Functions([.. kernel.Events.Select(e => e.Location).Where(l => l != 0)]);
            return functions.Count == 0 ? kernel : kernel with
            {
                Events = [.. kernel.Events.Select(e => functions.TryGetValue(e.Location, out var f) ? e with { Function = f } : e)],
            };
        }

        public void Dispose() => watcher.Dispose();
    }

    private sealed class Fallback(string error, TracefsDropCounter? counter, string? counterError) : IKernelCapture
    {
        public string? Error => error;

        public async Task<KernelWatch> CollectAsync(TimeSpan window, CancellationToken stop)
        {
            if (counter is null)
            {
                return new KernelWatch(error, [], 0, [], counterError);
            }

            try
            {
                await Task.Delay(window, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopped early (the client is done): count what was recorded so far.
            }

            return new KernelWatch(error, [], 0, TraceDropParser.Parse(counter.Stop()), null);
        }

        public void Dispose() => counter?.Dispose();
    }
}
