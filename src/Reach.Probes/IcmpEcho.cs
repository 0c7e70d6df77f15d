using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Reach.Core.Observations;

namespace Reach.Probes;

/// <summary>
/// ICMP echo over a raw socket, so that an ICMP error is reported with its real type, code and sender
/// (System.Net.NetworkInformation.Ping folds host-unreachable and admin-prohibited into TtlExpired).
/// Without the privilege for a raw socket it falls back to <see cref="Ping"/>, which only tells a reply from no reply.
/// </summary>
public static class IcmpEcho
{
    private static int _sequence;

    public static async Task<PingOutcome> PingAsync(IPAddress target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var v6 = target.AddressFamily == AddressFamily.InterNetworkV6;
        Socket socket;
        try
        {
            socket = new Socket(target.AddressFamily, SocketType.Raw, v6 ? ProtocolType.IcmpV6 : ProtocolType.Icmp);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.AccessDenied or SocketError.ProtocolNotSupported)
        {
            return await FallbackAsync(target, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            return new PingOutcome(target, PingResult.NotPermitted, 0, null, $"{e.Message} ({e.SocketErrorCode})");
        }

        using (socket)
        {
            var id = (ushort)(Environment.ProcessId ^ Interlocked.Increment(ref _sequence) * 7919);
            var seq = (ushort)Interlocked.Increment(ref _sequence);
            var request = EchoRequest(v6, id, seq);
            var clock = Stopwatch.StartNew();
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            try
            {
                await socket.SendToAsync(request, new IPEndPoint(target, 0), deadline.Token).ConfigureAwait(false);
                var buffer = new byte[1500];
                while (true)
                {
                    var received = await socket.ReceiveFromAsync(buffer, new IPEndPoint(v6 ? IPAddress.IPv6Any : IPAddress.Any, 0), deadline.Token).ConfigureAwait(false);
                    var from = ((IPEndPoint)received.RemoteEndPoint).Address;
                    var outcome = Match(buffer.AsSpan(0, received.ReceivedBytes), v6, id, seq, target, from, clock.Elapsed.TotalMilliseconds);
                    if (outcome is not null)
                    {
                        return outcome;
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // Our own deadline, or a caller that stopped waiting because it has its answer elsewhere.
                return new PingOutcome(target, PingResult.Silent, clock.Elapsed.TotalMilliseconds);
            }
            catch (SocketException e)
            {
                // sendto(2) itself failed: no route (ENETUNREACH) or this host's firewall (EPERM).
                return new PingOutcome(target, PingResult.NotPermitted, clock.Elapsed.TotalMilliseconds, null, $"{e.Message} ({e.SocketErrorCode})");
            }
        }
    }

    /// <summary>
    /// Recognises the reply or the ICMP error that belongs to our request: a raw socket sees every ICMP
    /// packet of the host, stale errors from earlier probes included, so match the identifier and sequence.
    /// </summary>
    internal static PingOutcome? Match(ReadOnlySpan<byte> packet, bool v6, ushort id, ushort seq, IPAddress target, IPAddress from, double ms)
    {
        // An IPv4 raw socket hands over the IP header; an IPv6 one does not (raw(7), ipv6(7)).
        // Any host on the LAN can send us ICMP: check every length before slicing.
        var header = v6 ? 0 : (packet.Length > 0 ? (packet[0] & 0x0F) * 4 : int.MaxValue);
        if (header + 8 > packet.Length)
        {
            return null;
        }

        var icmp = packet[header..];

        var type = icmp[0];
        var code = icmp[1];
        var echoReply = v6 ? 129 : 0;
        if (type == echoReply)
        {
            return Ids(icmp) == (id, seq) && from.Equals(target) ? new PingOutcome(target, PingResult.Reply, ms) : null;
        }

        var isError = v6 ? type is 1 or 3 : type is 3 or 11;
        if (!isError)
        {
            return null;
        }

        // The error quotes our packet: its IP header, then at least 8 bytes of our echo request.
        var quoted = icmp[8..];
        var innerHeader = v6 ? 40 : quoted.Length > 0 ? (quoted[0] & 0x0F) * 4 : int.MaxValue;
        var inner = innerHeader + 8 <= quoted.Length ? quoted[innerHeader..] : [];
        var echoRequest = v6 ? 128 : 8;
        if (inner.Length < 8 || inner[0] != echoRequest || Ids(inner) != (id, seq))
        {
            return null;
        }

        return new PingOutcome(target, PingResult.Error, ms, new IcmpReport(from, type, code));
    }

    private static (ushort, ushort) Ids(ReadOnlySpan<byte> icmp) =>
        (BinaryPrimitives.ReadUInt16BigEndian(icmp[4..]), BinaryPrimitives.ReadUInt16BigEndian(icmp[6..]));

    private static byte[] EchoRequest(bool v6, ushort id, ushort seq)
    {
        var packet = new byte[8 + 24];
        packet[0] = (byte)(v6 ? 128 : 8);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), id);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(6), seq);
        "reach echo probe"u8.CopyTo(packet.AsSpan(8));

        // The kernel computes the ICMPv6 checksum itself (RFC 3542 §3.1); ICMPv4's is ours (RFC 792).
        if (!v6)
        {
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), Checksum(packet));
        }

        return packet;
    }

    private static ushort Checksum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        for (var i = 0; i + 1 < data.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        }

        if (data.Length % 2 == 1)
        {
            sum += (uint)(data[^1] << 8);
        }

        while (sum >> 16 != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }

    private static async Task<PingOutcome> FallbackAsync(IPAddress target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var ping = new Ping();
        var clock = Stopwatch.StartNew();
        try
        {
            var reply = await ping.SendPingAsync(target, timeout, null, null, cancellationToken).ConfigureAwait(false);
            return reply.Status == IPStatus.Success
                ? new PingOutcome(target, PingResult.Reply, reply.RoundtripTime)
                : new PingOutcome(target, PingResult.Silent, clock.Elapsed.TotalMilliseconds, null, $"unprivileged ping: {reply.Status}");
        }
        catch (PingException e)
        {
            return new PingOutcome(target, PingResult.NotPermitted, clock.Elapsed.TotalMilliseconds, null, e.InnerException?.Message ?? e.Message);
        }
        catch (OperationCanceledException)
        {
            // The caller stopped waiting (it has its answer elsewhere): no reply so far.
            return new PingOutcome(target, PingResult.Silent, clock.Elapsed.TotalMilliseconds, null, "unprivileged ping: not waited for");
        }
    }
}
