using System.Net;
using Reach.Core.Watching;
using Reach.Engine;

namespace Reach.Tests.Engine;

/// <summary>
/// The server end's watch with scripted packets: the capture hands them over at once and then waits, on the
/// fake clock, for its window or for the engine to stop it, as the packet socket does. Null packets: it
/// cannot be opened, for <see cref="Error"/>.
/// </summary>
internal sealed class ScriptedWatch(Microsoft.Extensions.Time.Testing.FakeTimeProvider time, IReadOnlyList<WatchedPacket>? packets, string? error = null) : IPacketWatch
{
    public string? Error => error;

    public IPacketCapture? TryOpen(IPAddress client, int port, out string? why)
    {
        why = packets is null ? error ?? "a packet socket needs CAP_NET_RAW" : null;
        return packets is null ? null : new Capture(time, packets);
    }

    private sealed class Capture(TimeProvider time, IReadOnlyList<WatchedPacket> packets) : IPacketCapture
    {
        public async Task<IReadOnlyList<WatchedPacket>> CollectAsync(TimeSpan window, Action<WatchedPacket>? seen, CancellationToken stop)
        {
            foreach (var p in packets)
            {
                seen?.Invoke(p);
            }

            await Task.Delay(window, time, stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            return packets;
        }

        public void Dispose()
        {
        }
    }
}
