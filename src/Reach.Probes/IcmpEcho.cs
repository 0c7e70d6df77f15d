using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Reach.Core.Observations;
using Reach.Probes.Native;

namespace Reach.Probes;

/// <summary>
/// ICMP echo over a raw socket, so that an ICMP error is reported with its real type, code and sender
/// (System.Net.NetworkInformation.Ping folds host-unreachable and admin-prohibited into TtlExpired), and a
/// reply with the TTL it arrived with. Without the privilege for a raw socket <see cref="PingAsync"/> falls
/// back to <see cref="Ping"/>, which only tells a reply from no reply; <see cref="EchoAsync"/> says it needs root.
/// </summary>
public static class IcmpEcho
{
    private const int SolIp = 0;
    private const int IpMtuDiscover = 10;
    private const int SolIpv6 = 41;
    private const int Ipv6MtuDiscover = 23;
    private const int Ipv6DontFrag = 62;

    // IP_PMTUDISC_PROBE / IPV6_PMTUDISC_PROBE (ip(7), ipv6(7)): set DF, ignore the cached path MTU, never fragment.
    private const int PmtuDiscProbe = 3;
    private const int DefaultIcmpLength = 8 + 24;
    private static int _sequence;

    public static async Task<PingOutcome> PingAsync(IPAddress target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var socket = Open(target, out var error);
        if (socket is null)
        {
            return error is SocketError.AccessDenied or SocketError.ProtocolNotSupported
                ? await FallbackAsync(target, timeout, cancellationToken).ConfigureAwait(false)
                : new PingOutcome(target, PingResult.NotPermitted, 0, null, $"raw ICMP socket: {error}");
        }

        using (socket)
        {
            return ToPing(await ExchangeAsync(socket, target, new EchoOptions(), timeout, cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>
    /// One echo request sent as <paramref name="options"/> say, and what came back within the timeout: the
    /// reply (with its size and TTL), a time-exceeded, a "fragmentation needed"/"packet too big" with its MTU,
    /// another unreachable, EMSGSIZE from this host's own stack, or silence. Needs a raw socket (root or
    /// CAP_NET_RAW); without it the outcome is <see cref="EchoResult.NotSent"/> and says so.
    /// </summary>
    public static async Task<EchoOutcome> EchoAsync(IPAddress target, EchoOptions options, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var socket = Open(target, out var error);
        if (socket is null)
        {
            var why = error is SocketError.AccessDenied ? "a raw ICMP socket needs root (CAP_NET_RAW)" : $"raw ICMP socket: {error}";
            return new EchoOutcome(target, EchoResult.NotSent, options.Size ?? 0, options.Ttl, 0, Detail: why);
        }

        using (socket)
        {
            return await ExchangeAsync(socket, target, options, timeout, cancellationToken).ConfigureAwait(false);
        }
    }

    private static Socket? Open(IPAddress target, out SocketError? error)
    {
        var v6 = target.AddressFamily == AddressFamily.InterNetworkV6;
        try
        {
            var socket = new Socket(target.AddressFamily, SocketType.Raw, v6 ? ProtocolType.IcmpV6 : ProtocolType.Icmp);
            Datagram.EnableHopLimit(socket);
            error = null;
            return socket;
        }
        catch (SocketException e)
        {
            error = e.SocketErrorCode;
            return null;
        }
    }

    private static async Task<EchoOutcome> ExchangeAsync(Socket socket, IPAddress target, EchoOptions options, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var v6 = target.AddressFamily == AddressFamily.InterNetworkV6;
        var ipHeader = v6 ? 40 : 20;
        var icmpLength = options.Size is { } size ? Math.Max(8, size - ipHeader) : DefaultIcmpLength;
        var total = ipHeader + icmpLength;
        if (options.DontFragment)
        {
            var probe = BitConverter.GetBytes(PmtuDiscProbe);
            if (v6)
            {
                socket.SetRawSocketOption(SolIpv6, Ipv6MtuDiscover, probe);
                socket.SetRawSocketOption(SolIpv6, Ipv6DontFrag, BitConverter.GetBytes(1));
            }
            else
            {
                socket.SetRawSocketOption(SolIp, IpMtuDiscover, probe);
            }
        }

        if (options.Ttl is { } ttl)
        {
            // IP_TTL, or IPV6_UNICAST_HOPS for the IPv6 level (.NET maps IpTimeToLive to it).
            socket.SetSocketOption(v6 ? SocketOptionLevel.IPv6 : SocketOptionLevel.IP, SocketOptionName.IpTimeToLive, ttl);
        }

        var id = (ushort)(Environment.ProcessId ^ Interlocked.Increment(ref _sequence) * 7919);
        var seq = (ushort)Interlocked.Increment(ref _sequence);
        var request = EchoRequest(v6, id, seq, icmpLength);
        var clock = Stopwatch.StartNew();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await socket.SendToAsync(request, new IPEndPoint(target, 0), deadline.Token).ConfigureAwait(false);
            var buffer = new byte[65536];
            while (true)
            {
                var datagram = await Datagram.ReceiveAsync(socket, buffer, deadline.Token).ConfigureAwait(false);
                var outcome = MatchEcho(buffer.AsSpan(0, datagram.Length), v6, id, seq, target, datagram.From, datagram.HopLimit,
                    total, options.Ttl, clock.Elapsed.TotalMilliseconds);
                if (outcome is not null)
                {
                    return outcome;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Our own deadline, or a caller that stopped waiting because it has its answer elsewhere.
            return new EchoOutcome(target, EchoResult.Silent, total, options.Ttl, clock.Elapsed.TotalMilliseconds);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.MessageSize)
        {
            // With PMTUDISC_PROBE the kernel refuses a packet above the device's or a locked route's MTU
            // itself (EMSGSIZE): the size never left this host.
            return new EchoOutcome(target, EchoResult.LocalTooBig, total, options.Ttl, clock.Elapsed.TotalMilliseconds, Detail: e.Message);
        }
        catch (SocketException e)
        {
            // sendto(2) itself failed: no route (ENETUNREACH) or this host's firewall (EPERM).
            return new EchoOutcome(target, EchoResult.NotSent, total, options.Ttl, clock.Elapsed.TotalMilliseconds, Detail: $"{e.Message} ({e.SocketErrorCode})");
        }
    }

    /// <summary>The small echo's outcome in the shape the checker has always used.</summary>
    private static PingOutcome ToPing(EchoOutcome e) => e.Result switch
    {
        EchoResult.Reply => new PingOutcome(e.Target, PingResult.Reply, e.Ms, Ttl: e.ReceivedTtl),
        EchoResult.TimeExceeded or EchoResult.TooBig or EchoResult.Unreachable => new PingOutcome(e.Target, PingResult.Error, e.Ms, e.Icmp, Ttl: e.ReceivedTtl),
        EchoResult.Silent => new PingOutcome(e.Target, PingResult.Silent, e.Ms),
        _ => new PingOutcome(e.Target, PingResult.NotPermitted, e.Ms, null, e.Detail),
    };

    /// <summary>
    /// Recognises the reply or the ICMP error that belongs to our request: a raw socket sees every ICMP
    /// packet of the host, stale errors from earlier probes included, so match the identifier and sequence.
    /// </summary>
    internal static PingOutcome? Match(ReadOnlySpan<byte> packet, bool v6, ushort id, ushort seq, IPAddress target, IPAddress from, double ms) =>
        MatchEcho(packet, v6, id, seq, target, from, null, 0, null, ms) is { } echo ? ToPing(echo) : null;

    /// <summary>
    /// As <see cref="Match"/>, with the sizes and TTLs a sized probe reports. <paramref name="hopLimit"/> is the
    /// received TTL from the ancillary data; for IPv4 the header's own TTL byte is used when it is absent.
    /// </summary>
    internal static EchoOutcome? MatchEcho(ReadOnlySpan<byte> packet, bool v6, ushort id, ushort seq, IPAddress target, IPAddress from,
        int? hopLimit, int size, int? sentTtl, double ms)
    {
        // An IPv4 raw socket hands over the IP header; an IPv6 one does not (raw(7), ipv6(7)).
        // Any host on the LAN can send us ICMP: check every length before slicing.
        var header = v6 ? 0 : (packet.Length > 0 ? (packet[0] & 0x0F) * 4 : int.MaxValue);
        if (header + 8 > packet.Length || header < (v6 ? 0 : 20))
        {
            return null;
        }

        var received = hopLimit ?? (v6 ? null : packet[8]);
        var icmp = packet[header..];
        var type = icmp[0];
        var code = icmp[1];
        if (type == (v6 ? 129 : 0))
        {
            if (Ids(icmp) != (id, seq) || !from.Equals(target))
            {
                return null;
            }

            var replySize = v6 ? 40 + icmp.Length : BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
            return new EchoOutcome(target, EchoResult.Reply, size, sentTtl, ms, from, received, ReplySize: replySize);
        }

        var isError = v6 ? type is 1 or 2 or 3 : type is 3 or 11;
        if (!isError)
        {
            return null;
        }

        // The error quotes our packet: its IP header, then at least 8 bytes of our echo request.
        var quoted = icmp[8..];
        var innerHeader = v6 ? 40 : quoted.Length > 0 ? (quoted[0] & 0x0F) * 4 : int.MaxValue;
        var inner = innerHeader + 8 <= quoted.Length ? quoted[innerHeader..] : [];
        if (inner.Length < 8 || inner[0] != (v6 ? 128 : 8) || Ids(inner) != (id, seq))
        {
            return null;
        }

        // RFC 1191 §4: the next-hop MTU sits in the low 16 bits of the second word of a 3/4;
        // RFC 4443 §3.2: a packet-too-big carries a 32-bit MTU there.
        int? mtu = (v6, type, code) switch
        {
            (false, 3, 4) => BinaryPrimitives.ReadUInt16BigEndian(icmp[6..]),
            (true, 2, _) => (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(icmp[4..]), int.MaxValue),
            _ => null,
        };
        var report = new IcmpReport(from, type, code, mtu);
        var result = report.IsTimeExceeded ? EchoResult.TimeExceeded : report.IsTooBig ? EchoResult.TooBig : EchoResult.Unreachable;
        return new EchoOutcome(target, result, size, sentTtl, ms, from, received, mtu, report);
    }

    private static (ushort, ushort) Ids(ReadOnlySpan<byte> icmp) =>
        (BinaryPrimitives.ReadUInt16BigEndian(icmp[4..]), BinaryPrimitives.ReadUInt16BigEndian(icmp[6..]));

    private static byte[] EchoRequest(bool v6, ushort id, ushort seq, int length)
    {
        var packet = new byte[length];
        packet[0] = (byte)(v6 ? 128 : 8);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), id);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(6), seq);
        var text = "reach echo probe"u8;
        for (var i = 8; i < length; i++)
        {
            packet[i] = text[(i - 8) % text.Length];
        }

        // The kernel computes the ICMPv6 checksum itself (RFC 3542 §3.1); ICMPv4's is ours (RFC 792).
        if (!v6)
        {
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), Checksum(packet));
        }

        return packet;
    }

    internal static ushort Checksum(ReadOnlySpan<byte> data)
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
