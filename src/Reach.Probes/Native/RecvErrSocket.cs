using System.Net.Sockets;

namespace Reach.Probes.Native;

/// <summary>Opens a socket with the error queue on, or says why it could not be opened (a local fact, not an exception).</summary>
internal static class RecvErrSocket
{
    /// <summary>Null and the reason when the socket cannot be made: EAFNOSUPPORT on a host booted without IPv6, EMFILE out of descriptors.</summary>
    public static Socket? TryOpen(AddressFamily family, SocketType type, ProtocolType protocol, out string? error)
    {
        try
        {
            var socket = new Socket(family, type, protocol);
            ErrorQueue.Enable(socket);
            error = null;
            return socket;
        }
        catch (SocketException e)
        {
            error = $"{e.Message} ({e.SocketErrorCode})";
            return null;
        }
    }
}
