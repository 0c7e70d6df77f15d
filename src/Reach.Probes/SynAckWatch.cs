using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Reach.Probes.Native;

namespace Reach.Probes;

/// <summary>
/// Counts the SYN-ACKs the target sends again after our connection is open. A server whose SYN-ACK is not
/// acknowledged retransmits it (TCP_TIMEOUT_INIT, 1 s, doubling; tcp_synack_retries): the sign that our
/// ACK never reached it, though connect(2) succeeded here. A raw IPPROTO_TCP socket gets a copy of each
/// incoming segment (raw(7)). Needs CAP_NET_RAW; without it nothing is counted and the caller says so.
/// </summary>
internal sealed class SynAckWatch : IDisposable
{
    private const byte Syn = 0x02;
    private const byte Ack = 0x10;
    private readonly Socket _raw;
    private readonly CancellationTokenSource _stop = new();
    private int _count;

    private SynAckWatch(Socket raw) => _raw = raw;

    /// <summary>Starts counting SYN-ACKs from <paramref name="target"/> to <paramref name="localPort"/>; null without a raw socket.</summary>
    public static SynAckWatch? TryStart(IPEndPoint target, int localPort)
    {
        try
        {
            var watch = new SynAckWatch(new Socket(target.AddressFamily, SocketType.Raw, ProtocolType.Tcp));
            _ = watch.CountAsync(target, localPort);
            return watch;
        }
        catch (SocketException)
        {
            return null;
        }
    }

    /// <summary>SYN-ACKs seen so far.</summary>
    public int Count => Volatile.Read(ref _count);

    public void Dispose()
    {
        _stop.Cancel();
        _raw.Dispose();
        _stop.Dispose();
    }

    private async Task CountAsync(IPEndPoint target, int localPort)
    {
        var buffer = new byte[65536];
        var v6 = target.AddressFamily == AddressFamily.InterNetworkV6;
        try
        {
            while (true)
            {
                var datagram = await Datagram.ReceiveAsync(_raw, buffer, _stop.Token).ConfigureAwait(false);
                if (IsSynAck(buffer.AsSpan(0, datagram.Length), v6, datagram.From, target, localPort))
                {
                    Interlocked.Increment(ref _count);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // The watch ended (disposed): the count stands.
        }
    }

    /// <summary>A SYN-ACK from the target's port to ours. An IPv4 raw socket hands over the IP header, an IPv6 one starts at the TCP header.</summary>
    internal static bool IsSynAck(ReadOnlySpan<byte> packet, bool v6, IPAddress from, IPEndPoint target, int localPort)
    {
        var header = v6 ? 0 : packet.Length > 0 ? (packet[0] & 0x0F) * 4 : int.MaxValue;
        if (header + 20 > packet.Length || (!v6 && (header < 20 || packet[9] != 6)))
        {
            return false;
        }

        var source = v6 ? from : new IPAddress(packet.Slice(12, 4));
        var tcp = packet[header..];
        return source.Equals(target.Address)
            && BinaryPrimitives.ReadUInt16BigEndian(tcp) == target.Port
            && BinaryPrimitives.ReadUInt16BigEndian(tcp[2..]) == localPort
            && (tcp[13] & (Syn | Ack)) == (Syn | Ack);
    }
}
