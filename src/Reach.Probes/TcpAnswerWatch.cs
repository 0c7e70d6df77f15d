using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Reach.Probes.Native;

namespace Reach.Probes;

/// <summary>
/// Reads the TTL of the segment that answers our SYN: a raw IPPROTO_TCP socket gets a copy of every
/// incoming TCP segment before TCP handles it (raw(7); ip_local_deliver_finish hands raw sockets theirs
/// first), so the SYN-ACK or RST is queued here by the time connect(2) returns. The TTL comes with each
/// datagram as ancillary data (IP_RECVTTL / IPV6_RECVHOPLIMIT), the same way for both families.
/// Needs CAP_NET_RAW; without it the TTL stays unknown.
/// </summary>
internal sealed class TcpAnswerWatch : IDisposable
{
    private const byte Rst = 0x04;
    private const byte Syn = 0x02;
    private const byte Ack = 0x10;
    private readonly Socket _raw;
    private readonly CancellationTokenSource _stop = new();
    private Task<int?>? _watch;

    private TcpAnswerWatch(Socket raw) => _raw = raw;

    /// <summary>Opens the raw socket, or says why not (EPERM without CAP_NET_RAW).</summary>
    public static TcpAnswerWatch? TryOpen(AddressFamily family, out string? whyNot)
    {
        try
        {
            var raw = new Socket(family, SocketType.Raw, ProtocolType.Tcp);
            Datagram.EnableHopLimit(raw);
            whyNot = null;
            return new TcpAnswerWatch(raw);
        }
        catch (SocketException e)
        {
            whyNot = e.SocketErrorCode == SocketError.AccessDenied
                ? "answer TTL unknown: a raw TCP socket needs root (CAP_NET_RAW)"
                : $"answer TTL unknown: raw TCP socket: {e.Message} ({e.SocketErrorCode})";
            return null;
        }
    }

    /// <summary>Starts looking for the answer from <paramref name="target"/> to our <paramref name="localPort"/>.</summary>
    public void Start(IPEndPoint target, int localPort) => _watch = WatchAsync(target, localPort, _stop.Token);

    /// <summary>The TTL of the answer, waiting at most <paramref name="grace"/> for it to be read off the queue.</summary>
    public async Task<int?> TtlAsync(TimeSpan grace)
    {
        if (_watch is null)
        {
            return null;
        }

        _stop.CancelAfter(grace);
        return await _watch.ConfigureAwait(false);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _raw.Dispose();
        _stop.Dispose();
    }

    private async Task<int?> WatchAsync(IPEndPoint target, int localPort, CancellationToken cancellationToken)
    {
        var buffer = new byte[65536];
        try
        {
            while (true)
            {
                var datagram = await Datagram.ReceiveAsync(_raw, buffer, cancellationToken).ConfigureAwait(false);
                if (Matches(buffer.AsSpan(0, datagram.Length), target.AddressFamily == AddressFamily.InterNetworkV6, datagram.From, target, localPort))
                {
                    return datagram.HopLimit;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            return null;
        }
    }

    /// <summary>
    /// A SYN-ACK or RST from the target's port to ours. An IPv4 raw socket hands over the IP header, an IPv6
    /// one starts at the TCP header (raw(7), ipv6(7)).
    /// </summary>
    internal static bool Matches(ReadOnlySpan<byte> packet, bool v6, IPAddress from, IPEndPoint target, int localPort)
    {
        var header = v6 ? 0 : packet.Length > 0 ? (packet[0] & 0x0F) * 4 : int.MaxValue;
        if (header + 20 > packet.Length || (!v6 && (header < 20 || packet[9] != 6)))
        {
            return false;
        }

        var source = v6 ? from : new IPAddress(packet.Slice(12, 4));
        var tcp = packet[header..];
        var flags = tcp[13];
        return source.Equals(target.Address)
            && BinaryPrimitives.ReadUInt16BigEndian(tcp) == target.Port
            && BinaryPrimitives.ReadUInt16BigEndian(tcp[2..]) == localPort
            && ((flags & Rst) != 0 || (flags & (Syn | Ack)) == (Syn | Ack));
    }
}
