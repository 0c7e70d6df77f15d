using Reach.Core.Watching;

namespace Reach.Engine;

/// <summary>An open watch (see <see cref="IPacketWatch"/>).</summary>
internal interface IPacketCapture : IDisposable
{
    /// <summary>The matching packets until <paramref name="window"/> has passed or <paramref name="stop"/> is cancelled; <paramref name="seen"/> hears each as it arrives.</summary>
    Task<IReadOnlyList<WatchedPacket>> CollectAsync(TimeSpan window, Action<WatchedPacket>? seen, CancellationToken stop);
}
