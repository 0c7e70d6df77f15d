using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using Reach.Core.Watching;
using Reach.Probes.Native;

namespace Reach.Probes;

/// <summary>
/// Watches, read-only as tcpdump does, for a client's SYNs to a port and this host's answers to them: a
/// packet socket (packet(7), SOCK_DGRAM so every packet starts at its IP header whatever the link) with
/// a classic BPF filter attached (SO_ATTACH_FILTER, filter.rst), so the kernel hands over only those few
/// packets. ETH_P_ALL, not ETH_P_IP: outgoing packets are copied to ptype_all taps only
/// (dev_queue_xmit_nit), and the SYN-ACK, RST or ICMP this host sends back is half of the answer. The
/// socket sees a packet before rp_filter and the firewall act on it, so "it arrived" is independent of
/// what the host then did. IPv4 only for now. Needs CAP_NET_RAW.
/// </summary>
public sealed class PacketWatcher : IDisposable
{
    private readonly int fd;
    private readonly IPAddress client;
    private readonly int port;

    private PacketWatcher(int fd, IPAddress client, int port)
    {
        this.fd = fd;
        this.client = client;
        this.port = port;
    }

    /// <summary>Opens the socket with its filter; on failure says why in one phrase (e.g. the missing capability).</summary>
    public static PacketWatcher? TryOpen(IPAddress client, int port, out string? error)
    {
        if (client.AddressFamily != AddressFamily.InterNetwork)
        {
            error = "watching IPv6 clients is not supported yet (IPv4 only)";
            return null;
        }

        var fd = PacketSocketNative.Socket(PacketSocketNative.AfPacket, PacketSocketNative.SockDgram, BinaryPrimitives.ReverseEndianness(PacketSocketNative.EthPAll));
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            error = errno is 1 or 13
                ? "a packet socket needs CAP_NET_RAW (run as root, or `setcap cap_net_raw+ep` on reach)"
                : $"socket(AF_PACKET) failed: {Marshal.GetPInvokeErrorMessage(errno)}";
            return null;
        }

        var program = Filter(client, port);
        unsafe
        {
            fixed (PacketSocketNative.SockFilter* code = program)
            {
                var prog = new PacketSocketNative.SockFprog { Length = (ushort)program.Length, Filter = (nint)code };
                if (PacketSocketNative.SetSockOpt(fd, PacketSocketNative.SolSocket, PacketSocketNative.SoAttachFilter, &prog, (uint)sizeof(PacketSocketNative.SockFprog)) != 0)
                {
                    error = $"attaching the packet filter failed: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}";
                    _ = PacketSocketNative.Close(fd);
                    return null;
                }
            }
        }

        error = null;
        return new PacketWatcher(fd, client, port);
    }

    /// <summary>
    /// Collects matching packets until <paramref name="window"/> has passed or <paramref name="stop"/> is
    /// cancelled. <paramref name="seen"/> is called for each one as it arrives (on the watch thread).
    /// </summary>
    public Task<IReadOnlyList<WatchedPacket>> CollectAsync(TimeSpan window, Action<WatchedPacket>? seen, CancellationToken stop) =>
        Task.Factory.StartNew<IReadOnlyList<WatchedPacket>>(() => Collect(window, seen, stop), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private unsafe List<WatchedPacket> Collect(TimeSpan window, Action<WatchedPacket>? seen, CancellationToken stop)
    {
        var packets = new List<WatchedPacket>();
        var clock = Stopwatch.StartNew();
        var buffer = new byte[256];
        while (clock.Elapsed < window && !stop.IsCancellationRequested)
        {
            // Short polls so that a stop is honoured within 50 ms.
            var pfd = new PacketSocketNative.PollFd { Fd = fd, Events = PacketSocketNative.PollIn };
            var wait = (int)Math.Clamp((window - clock.Elapsed).TotalMilliseconds, 0, 50);
            if (PacketSocketNative.Poll(&pfd, 1, wait) <= 0)
            {
                continue;
            }

            PacketSocketNative.SockaddrLl from;
            var fromLength = (uint)sizeof(PacketSocketNative.SockaddrLl);
            nint n;
            fixed (byte* b = buffer)
            {
                n = PacketSocketNative.RecvFrom(fd, b, (nuint)buffer.Length, 0, &from, &fromLength);
            }

            if (n <= 0)
            {
                continue;
            }

            var outgoing = from.PktType == PacketSocketNative.PacketOutgoing;
            if (Classify(buffer.AsSpan(0, (int)n), outgoing, client, port) is { } found)
            {
                var packet = new WatchedPacket(Math.Round(clock.Elapsed.TotalMilliseconds, 1), found.Kind, InterfaceName(from.IfIndex), found.Local, found.Detail);
                packets.Add(packet);
                seen?.Invoke(packet);
            }
        }

        return packets;
    }

    /// <summary>What an IPv4 packet is, for the watch: the filter lets only candidates through; this decides.</summary>
    internal static (WatchedKind Kind, IPAddress Local, string Detail)? Classify(ReadOnlySpan<byte> ip, bool outgoing, IPAddress client, int port)
    {
        if (ip.Length < 20 || ip[0] >> 4 != 4)
        {
            return null;
        }

        var ihl = (ip[0] & 0x0f) * 4;
        var src = new IPAddress(ip.Slice(12, 4));
        var dst = new IPAddress(ip.Slice(16, 4));
        if (ip.Length < ihl + 8)
        {
            return null;
        }

        var l4 = ip[ihl..];
        if (ip[9] == 6 && l4.Length >= 14)
        {
            var sport = BinaryPrimitives.ReadUInt16BigEndian(l4);
            var dport = BinaryPrimitives.ReadUInt16BigEndian(l4[2..]);
            var flags = l4[13];
            var text = $"{src}:{sport} > {dst}:{dport} {Flags(flags)}";
            if (!outgoing && src.Equals(client) && dport == port && (flags & 0x12) == 0x02)
            {
                return (WatchedKind.Syn, dst, text);
            }

            if (outgoing && dst.Equals(client) && sport == port)
            {
                if ((flags & 0x04) != 0)
                {
                    return (WatchedKind.Rst, src, text);
                }

                if ((flags & 0x12) == 0x12)
                {
                    return (WatchedKind.SynAck, src, text);
                }
            }

            return null;
        }

        // ICMP destination unreachable to the client about a TCP packet to our port (RFC 792: the
        // original IP header and 8 bytes of its payload follow the 8-byte ICMP header).
        if (ip[9] == 1 && outgoing && dst.Equals(client) && l4[0] == 3 && l4.Length >= 8 + 20 + 4)
        {
            var inner = l4[8..];
            var innerIhl = (inner[0] & 0x0f) * 4;
            if (inner[9] == 6 && inner.Length >= innerIhl + 4 && BinaryPrimitives.ReadUInt16BigEndian(inner[(innerIhl + 2)..]) == port)
            {
                return (WatchedKind.IcmpUnreachable, src, $"{src} > {dst} ICMP 3/{l4[1]} ({IcmpCode(l4[1])}) about tcp port {port}");
            }
        }

        return null;
    }

    private static string Flags(byte f)
    {
        var s = new StringBuilder();
        if ((f & 0x02) != 0)
        {
            s.Append("SYN ");
        }

        if ((f & 0x10) != 0)
        {
            s.Append("ACK ");
        }

        if ((f & 0x04) != 0)
        {
            s.Append("RST ");
        }

        return s.ToString().Trim();
    }

    private static string IcmpCode(byte code) => code switch
    {
        0 => "net-unreachable",
        1 => "host-unreachable",
        3 => "port-unreachable",
        9 => "net-prohibited",
        10 => "host-prohibited",
        13 => "admin-prohibited",
        _ => "unreachable",
    };

    /// <summary>
    /// The kernel-side filter (classic BPF, filter.rst): IPv4 (skb->protocol via the SKF_AD_PROTOCOL
    /// ancillary load), first fragments only, then either a TCP SYN from the client to the port, any TCP
    /// from the port to the client, or an ICMP destination-unreachable to the client.
    /// </summary>
    internal static PacketSocketNative.SockFilter[] Filter(IPAddress client, int port)
    {
        var c = BinaryPrimitives.ReadUInt32BigEndian(client.GetAddressBytes());
        var p = (uint)port;
        const ushort LdH = 0x28, LdW = 0x20, LdB = 0x30, LdxMsh = 0xb1, LdBInd = 0x50, LdHInd = 0x48, Jeq = 0x15, Jset = 0x45, And = 0x54, Ret = 0x06;
        return
        [
            I(LdH, 0, 0, 0xfffff000),   // 0: A = skb->protocol (SKF_AD_OFF + SKF_AD_PROTOCOL)
            I(Jeq, 0, 22, 0x0800),      // 1: IPv4, else drop (24)
            I(LdH, 0, 0, 6),            // 2: flags + fragment offset
            I(Jset, 20, 0, 0x1fff),     // 3: a later fragment: drop
            I(LdxMsh, 0, 0, 0),         // 4: X = IP header length
            I(LdB, 0, 0, 9),            // 5: A = protocol
            I(Jeq, 0, 11, 6),           // 6: TCP, else ICMP test (18)
            I(LdW, 0, 0, 12),           // 7: A = source
            I(Jeq, 0, 5, c),            // 8: from the client, else outgoing test (14)
            I(LdHInd, 0, 0, 2),         // 9: destination port
            I(Jeq, 0, 13, p),           // 10: our port, else drop
            I(LdBInd, 0, 0, 13),        // 11: TCP flags
            I(And, 0, 0, 0x12),         // 12: SYN|ACK bits
            I(Jeq, 9, 10, 0x02),        // 13: SYN without ACK: accept (23), else drop (24)
            I(LdW, 0, 0, 16),           // 14: A = destination
            I(Jeq, 0, 8, c),            // 15: to the client, else drop
            I(LdHInd, 0, 0, 0),         // 16: source port
            I(Jeq, 5, 6, p),            // 17: our port: accept, else drop
            I(Jeq, 0, 5, 1),            // 18: ICMP (A still holds the protocol), else drop
            I(LdW, 0, 0, 16),           // 19: A = destination
            I(Jeq, 0, 3, c),            // 20: to the client, else drop
            I(LdBInd, 0, 0, 0),         // 21: ICMP type
            I(Jeq, 0, 1, 3),            // 22: destination unreachable: accept, else drop
            I(Ret, 0, 0, 256),          // 23: accept the first 256 bytes
            I(Ret, 0, 0, 0),            // 24: drop
        ];
    }

    private static PacketSocketNative.SockFilter I(ushort code, byte jt, byte jf, uint k) => new() { Code = code, Jt = jt, Jf = jf, K = k };

    private static unsafe string InterfaceName(int index)
    {
        var name = stackalloc byte[16];
        return PacketSocketNative.IfIndexToName((uint)index, name) is null ? $"if{index}" : Marshal.PtrToStringUTF8((nint)name) ?? $"if{index}";
    }

    public void Dispose() => PacketSocketNative.Close(fd);
}
