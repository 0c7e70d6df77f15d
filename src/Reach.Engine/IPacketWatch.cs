using System.Net;

namespace Reach.Engine;

/// <summary>
/// Opens a watch for one client's packets to one port (the server end of `reach check --server`): the
/// live one is an AF_PACKET socket with a filter (CAP_NET_RAW); tests hand in recorded packets.
/// </summary>
internal interface IPacketWatch
{
    /// <summary>The watch, or null with <paramref name="error"/> saying why it cannot be opened (in one phrase).</summary>
    IPacketCapture? TryOpen(IPAddress client, int port, out string? error);
}
