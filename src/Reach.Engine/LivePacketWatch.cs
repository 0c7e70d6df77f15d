using System.Net;
using Reach.Core.Watching;
using Reach.Probes;

namespace Reach.Engine;

/// <summary>The real watch: <see cref="PacketWatcher"/>'s filtered packet socket.</summary>
internal sealed class LivePacketWatch : IPacketWatch
{
    public static readonly LivePacketWatch Instance = new();

    public IPacketCapture? TryOpen(IPAddress client, int port, out string? error) =>
        PacketWatcher.TryOpen(client, port, out error) is { } watcher ? new Capture(watcher) : null;

    private sealed class Capture(PacketWatcher watcher) : IPacketCapture
    {
        public Task<IReadOnlyList<WatchedPacket>> CollectAsync(TimeSpan window, Action<WatchedPacket>? seen, CancellationToken stop) =>
            watcher.CollectAsync(window, seen, stop);

        public void Dispose() => watcher.Dispose();
    }
}
