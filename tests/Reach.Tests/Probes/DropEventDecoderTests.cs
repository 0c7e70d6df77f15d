using System.Buffers.Binary;
using System.Net;
using Reach.Core.Watching;
using Reach.Probes.Bpf;
using Reach.Readers.Parsing;
using Xunit;

namespace Reach.Tests.Probes;

/// <summary>
/// The drop watch's ring-buffer events, decoded from bytes captured in the lab (Fixtures/dropwatch/events.txt):
/// dev1 (10.1.1.7, 2001:db8:1:1::7) connecting to web1's port 80 under web1-drop, web1-drop6, no-listener,
/// a full accept queue, and a client that drops the SYN-ACKs (so web1 sends them again).
/// </summary>
public sealed class DropEventDecoderTests
{
    private static readonly IPAddress Dev1 = IPAddress.Parse("10.1.1.7");
    private static readonly IPAddress Web1 = IPAddress.Parse("10.1.2.5");

    private static byte[] Event(string name) => Convert.FromHexString(File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "dropwatch", "events.txt"))
        .Single(l => l.StartsWith(name + " ", StringComparison.Ordinal)).Split(' ')[1]);

    private static long Ts(byte[] e) => BinaryPrimitives.ReadInt64LittleEndian(e.AsSpan(56));

    private static KernelEvent Decode(string name, IPAddress client, long? start = null)
    {
        var bytes = Event(name);
        return DropEventDecoder.Decode(bytes, client, 80, start ?? Ts(bytes), i => i == 2 ? "eth0" : $"if{i}")!;
    }

    private static string Function(ulong location) =>
        KallsymsParser.Function(KallsymsParser.Resolve(File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "dropwatch", "kallsyms-excerpt.txt")), [location])[location]);

    [Fact]
    public void A_syn_a_rule_dropped_is_the_clients_with_netfilters_reason_and_place()
    {
        var e = Decode("syn-netfilter-drop-v4", Dev1);

        Assert.Equal(KernelEventKind.Dropped, e.Kind);
        Assert.True(e.Incoming);
        Assert.True(e.IsSyn);
        Assert.Equal("SYN", e.PacketKind);
        Assert.Equal(Dev1, e.Source.Address);
        Assert.Equal(new IPEndPoint(Web1, 80), e.Destination);
        Assert.Equal("eth0", e.Interface);
        Assert.Equal(12, e.Reason);
        Assert.Equal(0, e.AtMs);
        Assert.Equal("nft_do_chain", Function(e.Location));
    }

    [Fact]
    public void Times_count_from_the_watchs_start_on_the_kernels_monotonic_clock()
    {
        var first = Event("syn-netfilter-drop-v4");
        var again = DropEventDecoder.Decode(Event("syn-netfilter-drop-v4-again"), Dev1, 80, Ts(first), _ => "eth0")!;

        // The client's first SYN retransmission: about a second after the SYN (TCP_TIMEOUT_INIT, RFC 6298).
        Assert.InRange(again.AtMs, 900, 1200);
        Assert.Equal(Decode("syn-netfilter-drop-v4", Dev1).Source, again.Source);
    }

    [Fact]
    public void An_ipv6_syn_carries_both_addresses_whole()
    {
        var e = Decode("syn-netfilter-drop-v6", IPAddress.Parse("2001:db8:1:1::7"));

        Assert.True(e.Incoming);
        Assert.Equal(IPAddress.Parse("2001:db8:1:1::7"), e.Source.Address);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("2001:db8:1:2::5"), 80), e.Destination);
        Assert.Equal(12, e.Reason);
        Assert.Equal("nft_do_chain", Function(e.Location));
    }

    [Fact]
    public void A_syn_with_no_socket_is_dropped_in_tcp_v4_rcv()
    {
        var e = Decode("syn-no-socket-v4", Dev1);

        Assert.Equal(3, e.Reason);
        Assert.Equal("tcp_v4_rcv", Function(e.Location));
    }

    [Fact]
    public void A_syn_the_listener_took_has_no_reason_and_no_device()
    {
        var e = Decode("syn-consumed-v4", Dev1);

        Assert.Equal(KernelEventKind.SynConsumed, e.Kind);
        Assert.Equal(0, e.Reason);
        Assert.Null(e.Interface);
        Assert.Equal(DropReasonMap.ListenerConsume, Function(e.Location));
    }

    [Fact]
    public void A_syn_ack_sent_again_is_this_hosts_answer_to_the_client()
    {
        var e = Decode("synack-retransmitted-v4", Dev1);

        Assert.Equal(KernelEventKind.SynAckRetransmitted, e.Kind);
        Assert.False(e.Incoming);
        Assert.Equal("SYN-ACK", e.PacketKind);
        Assert.Equal(new IPEndPoint(Web1, 80), e.Source);
        Assert.Equal(Dev1, e.Destination.Address);
        Assert.Equal(0UL, e.Location);
    }

    [Fact]
    public void A_short_or_unknown_event_is_no_event()
    {
        var bytes = Event("syn-netfilter-drop-v4");
        var unknown = bytes.ToArray();
        unknown[16] = 9;

        Assert.Null(DropEventDecoder.Decode(bytes.AsSpan(0, 63), Dev1, 80, 0, _ => null));
        Assert.Null(DropEventDecoder.Decode(unknown, Dev1, 80, 0, _ => null));
    }

    [Fact]
    public void The_flow_the_program_keeps_is_laid_out_as_struct_reach_flow()
    {
        var flow = DropEventDecoder.Flow(4026532305, IPAddress.Parse("2001:db8:1:1::7"), 8080);

        Assert.Equal(24, flow.Length);
        Assert.Equal(4026532305u, BinaryPrimitives.ReadUInt32LittleEndian(flow));
        Assert.Equal(8080, BinaryPrimitives.ReadUInt16LittleEndian(flow.AsSpan(4)));
        Assert.Equal(6, flow[6]);
        Assert.Equal(IPAddress.Parse("2001:db8:1:1::7").GetAddressBytes(), flow.AsSpan(8, 16).ToArray());
        Assert.Equal(4, DropEventDecoder.Flow(1, Dev1, 80)[6]);
    }
}
