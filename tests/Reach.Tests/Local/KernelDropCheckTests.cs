using System.Net;
using Reach.Core.Model;
using Reach.Core.Observations;
using Reach.Core.Text;
using Reach.Core.Watching;
using Xunit;

namespace Reach.Tests.Local;

/// <summary>
/// The kernel's drop reasons laid over the server's findings (pure). The reasons and functions are the
/// ones the lab's faults made the kernel report (6.18): a DROP rule → NETFILTER_DROP in nft_do_chain,
/// a full conntrack table → NETFILTER_DROP in nf_hook_slow, no listener → NO_SOCKET in tcp_v4_rcv,
/// strict rp_filter → IP_RPFILTER in ip_rcv_finish_core, a full accept queue → SYNs consumed in
/// tcp_rcv_state_process with no SYN-ACK.
/// </summary>
public sealed class KernelDropCheckTests
{
    private static readonly IPAddress Client = IPAddress.Parse("10.1.1.7");
    private static readonly IPAddress Server = IPAddress.Parse("10.1.2.5");

    private static KernelEvent Syn(KernelEventKind kind, string? reason, string function, int n = 0) =>
        new(12.4 + n, kind, true, new IPEndPoint(Client, 40312), new IPEndPoint(Server, 80), 0x02, "eth0", 0xffffffff81a2b3c0, reason is null ? 0 : 12, reason, function);

    private static KernelEvent Answer(string reason, string function, byte flags = 0x12) =>
        new(40, KernelEventKind.Dropped, false, new IPEndPoint(Server, 80), new IPEndPoint(Client, 40312), flags, "eth0", 0xffffffff81b00000, 58, reason, function);

    private static KernelWatch Ran(params KernelEvent[] events) => new(null, events, 0, [], null);

    private static WatchObservation Watch(params WatchedPacket[] packets) =>
        new(Client, 80, Server, null, 4000, packets, null, null, 0);

    private static readonly WatchedPacket SynIn = new(10, WatchedKind.Syn, "eth0", Server, "10.1.1.7:40312 > 10.1.2.5:80 SYN");
    private static readonly WatchedPacket SynAckOut = new(11, WatchedKind.SynAck, "eth0", Server, "10.1.2.5:80 > 10.1.1.7:40312 SYN ACK");

    private static Finding Pass(Code code, string summary = "fine") => new(code, CheckStatus.Pass, Message.Verbatim(summary), [new Evidence("test", "kept")]);

    private static Finding Fail(Code code, string summary) => new(code, CheckStatus.Fail, Message.Verbatim(summary), [new Evidence("test", "kept")], Message.Verbatim("fix it"));

    private static List<Finding> Healthy() => [Pass(Codes.ListenerOk), Pass(Codes.FirewallOk), Pass(Codes.RouteOk)];

    [Fact]
    public void A_netfilter_drop_of_the_syns_confirms_the_traced_drop_rule_and_decides()
    {
        List<Finding> findings = [Fail(Codes.ListenerNone, "nothing listens"), Fail(Codes.FirewallDrop, "rule 1 drops it"), Pass(Codes.RouteOk)];

        var (result, decisive) = KernelDropCheck.Apply(findings, Watch(SynIn), Ran(Syn(KernelEventKind.Dropped, "NETFILTER_DROP", "nft_do_chain"), Syn(KernelEventKind.Dropped, "NETFILTER_DROP", "nft_do_chain", 1)), false);

        Assert.Equal(Codes.FirewallDrop, decisive);
        var firewall = result.Single(f => f.Layer == Layer.Firewall);
        Assert.Equal("rule 1 drops it", Catalog.English.Format(firewall.Summary));
        Assert.Equal("2 SYNs from 10.1.1.7 dropped in nft_do_chain (NETFILTER_DROP) on eth0, first at +12 ms", firewall.Evidence[0].Detail);
        Assert.Contains(firewall.Evidence, e => e.Detail == "kept");

        // The kernel outranks the lower layer's failure: the SYNs die in the firewall, not at the socket.
        var verdict = KernelDropCheck.Verdict(result, decisive)!;
        Assert.Equal(Codes.FirewallDrop, verdict.Code);
        Assert.Equal("rule 1 drops it", Catalog.English.Format(verdict.Summary));
    }

    [Fact]
    public void A_netfilter_drop_no_rule_explains_is_firewall_drop_in_the_kernels_words()
    {
        var (result, decisive) = KernelDropCheck.Apply(Healthy(), Watch(SynIn), Ran(Syn(KernelEventKind.Dropped, "NETFILTER_DROP", "nft_do_chain")), false);

        Assert.Equal(Codes.FirewallDrop, decisive);
        var firewall = result.Single(f => f.Layer == Layer.Firewall);
        Assert.Equal(CheckStatus.Fail, firewall.Status);
        Assert.Contains("the kernel dropped 1 SYN from 10.1.1.7 in netfilter (nft_do_chain, NETFILTER_DROP)", Catalog.English.Format(firewall.Summary), StringComparison.Ordinal);
        Assert.Equal("kernel.firewall.summary", firewall.Summary.Key);
    }

    [Fact]
    public void A_reject_rule_keeps_its_code_the_kernel_frees_a_rejected_syn_as_a_netfilter_drop()
    {
        List<Finding> findings = [Pass(Codes.ListenerOk), Fail(Codes.FirewallReject, "rule 1 rejects it"), Pass(Codes.RouteOk)];

        var (_, decisive) = KernelDropCheck.Apply(findings, Watch(SynIn), Ran(Syn(KernelEventKind.Dropped, "NETFILTER_DROP", "nft_do_chain")), false);

        Assert.Equal(Codes.FirewallReject, decisive);
    }

    [Fact]
    public void A_netfilter_drop_in_the_hook_core_with_a_full_table_is_conntrack_full()
    {
        var (result, decisive) = KernelDropCheck.Apply(Healthy(), Watch(SynIn), Ran(Syn(KernelEventKind.Dropped, "NETFILTER_DROP", "nf_hook_slow")), conntrackFull: true);

        Assert.Equal(Codes.FirewallConntrackFull, decisive);
        Assert.Contains("connection-tracking table is full", Catalog.English.Format(result.Single(f => f.Layer == Layer.Firewall).Summary), StringComparison.Ordinal);
    }

    [Fact]
    public void A_netfilter_drop_in_the_hook_core_with_room_in_the_table_is_a_rule_iptables_legacy_drops_there()
    {
        var (_, decisive) = KernelDropCheck.Apply(Healthy(), Watch(SynIn), Ran(Syn(KernelEventKind.Dropped, "NETFILTER_DROP", "nf_hook_slow")), conntrackFull: false);

        Assert.Equal(Codes.FirewallDrop, decisive);
    }

    [Fact]
    public void No_socket_for_a_syn_keeps_the_listener_findings_own_reason()
    {
        List<Finding> findings = [Fail(Codes.ListenerLoopbackOnly, "listens on 127.0.0.1:80 only"), Pass(Codes.FirewallOk), Pass(Codes.RouteOk)];

        var (result, decisive) = KernelDropCheck.Apply(findings, Watch(SynIn), Ran(Syn(KernelEventKind.Dropped, "NO_SOCKET", "tcp_v4_rcv")), false);

        Assert.Equal(Codes.ListenerLoopbackOnly, decisive);
        Assert.StartsWith("1 SYN from 10.1.1.7 dropped in tcp_v4_rcv (NO_SOCKET)", result[0].Evidence[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void No_socket_where_a_listener_seemed_fine_is_listener_none()
    {
        var (result, decisive) = KernelDropCheck.Apply(Healthy(), Watch(SynIn), Ran(Syn(KernelEventKind.Dropped, "NO_SOCKET", "tcp_v4_rcv")), false);

        Assert.Equal(Codes.ListenerNone, decisive);
        Assert.Equal(CheckStatus.Fail, result.Single(f => f.Layer == Layer.Listener).Status);
    }

    [Fact]
    public void The_reverse_path_filter_is_route_rp_filter()
    {
        var (result, decisive) = KernelDropCheck.Apply(Healthy(), Watch(SynIn), Ran(Syn(KernelEventKind.Dropped, "IP_RPFILTER", "ip_rcv_finish_core")), false);

        Assert.Equal(Codes.RouteRpFilter, decisive);
        var route = result.Single(f => f.Layer == Layer.Route);
        Assert.Equal("the reverse-path filter dropped 1 SYN from 10.1.1.7 on arrival (ip_rcv_finish_core, IP_RPFILTER)", Catalog.English.Format(route.Summary));
        Assert.Single(route.Evidence, e => e.Source == KernelDropCheck.Source);
    }

    [Fact]
    public void Syns_the_listener_took_with_no_route_back_are_not_blamed_on_the_queue()
    {
        List<Finding> findings = [Pass(Codes.ListenerOk), Pass(Codes.FirewallOk), Fail(Codes.RouteNoReturn, "no route back to 10.1.1.7")];
        var noRoute = new RouteDecision(Client, null, null, null, null, [], "Network is unreachable", "RTNETLINK answers: Network is unreachable");
        var watch = Watch(SynIn) with { RouteBack = noRoute };

        var (_, decisive) = KernelDropCheck.Apply(findings, watch, Ran(Syn(KernelEventKind.SynConsumed, null, "tcp_rcv_state_process")), false);

        Assert.NotEqual(Codes.ListenerOverflow, decisive);
    }

    [Fact]
    public void Syns_the_listener_took_without_a_syn_ack_are_listener_overflow()
    {
        List<Finding> findings = [Pass(Codes.ListenerOk), Pass(Codes.FirewallOk), Pass(Codes.RouteOk)];

        var (result, decisive) = KernelDropCheck.Apply(findings, Watch(SynIn), Ran(Syn(KernelEventKind.SynConsumed, null, "tcp_rcv_state_process"), Syn(KernelEventKind.SynConsumed, null, "tcp_rcv_state_process", 1)), false);

        Assert.Equal(Codes.ListenerOverflow, decisive);
        Assert.Contains("the kernel took 2 SYNs from 10.1.1.7 in tcp_rcv_state_process and answered none", Catalog.English.Format(result.Single(f => f.Layer == Layer.Listener).Summary), StringComparison.Ordinal);
    }

    [Fact]
    public void Syns_the_listener_took_and_answered_are_healthy()
    {
        var (result, decisive) = KernelDropCheck.Apply(Healthy(), Watch(SynIn, SynAckOut), Ran(Syn(KernelEventKind.SynConsumed, null, "tcp_rcv_state_process")), false);

        Assert.Null(decisive);
        Assert.All(result, f => Assert.Equal(CheckStatus.Pass, f.Status));
    }

    [Fact]
    public void A_packet_sockets_copy_consumed_elsewhere_is_not_the_listener()
    {
        var (result, decisive) = KernelDropCheck.Apply(Healthy(), Watch(SynIn), Ran(Syn(KernelEventKind.SynConsumed, null, "packet_recvmsg")), false);

        Assert.Null(decisive);
        Assert.All(result, f => Assert.Equal(CheckStatus.Pass, f.Status));
    }

    [Fact]
    public void Without_the_packet_socket_a_consumed_syn_proves_nothing()
    {
        var watch = Watch(SynIn) with { Error = "needs CAP_NET_RAW" };

        var (_, decisive) = KernelDropCheck.Apply(Healthy(), watch, Ran(Syn(KernelEventKind.SynConsumed, null, "tcp_rcv_state_process")), false);

        Assert.Null(decisive);
    }

    [Fact]
    public void An_answer_that_cannot_find_its_next_hop_is_route_no_return()
    {
        var (result, decisive) = KernelDropCheck.Apply(Healthy(), Watch(SynIn), Ran(Answer("NEIGH_FAILED", "neigh_invalidate")), false);

        Assert.Equal(Codes.RouteNoReturn, decisive);
        Assert.Contains("1 SYN-ACK to 10.1.1.7 in neigh_invalidate (NEIGH_FAILED)", Catalog.English.Format(result.Single(f => f.Layer == Layer.Route).Summary), StringComparison.Ordinal);
    }

    [Fact]
    public void A_fin_purged_with_its_socket_after_a_healthy_exchange_proves_nothing()
    {
        var fin = Syn(KernelEventKind.Dropped, "QUEUE_PURGE", "sk_stream_kill_queues") with { TcpFlags = 0x11 };

        var (result, decisive) = KernelDropCheck.Apply(Healthy(), Watch(SynIn, SynAckOut), Ran(fin), false);

        Assert.Null(decisive);
        Assert.All(result, f => Assert.Equal(CheckStatus.Pass, f.Status));
        Assert.Contains(result.Single(f => f.Layer == Layer.Route).Evidence, e => e.Detail.StartsWith("1 FIN from 10.1.1.7 dropped in sk_stream_kill_queues (QUEUE_PURGE)", StringComparison.Ordinal));
    }

    [Fact]
    public void Syns_dropped_for_a_reason_without_a_verdict_are_never_ok()
    {
        var (result, decisive) = KernelDropCheck.Apply(Healthy(), Watch(SynIn), Ran(Syn(KernelEventKind.Dropped, "XFRM_POLICY", "__xfrm_policy_check2")), false);

        Assert.Null(decisive);
        var route = result.Single(f => f.Layer == Layer.Route);
        Assert.Equal(CheckStatus.Inconclusive, route.Status);
        Assert.Contains("(XFRM_POLICY), a reason reach has no verdict for", Catalog.English.Format(route.Summary), StringComparison.Ordinal);
    }

    [Fact]
    public void Syn_acks_sent_again_with_nothing_dropped_are_never_ok()
    {
        var again = new KernelEvent(1500, KernelEventKind.SynAckRetransmitted, false, new IPEndPoint(Server, 80), new IPEndPoint(Client, 40312), 0x12, null, 0, 0, null, null);

        var (result, decisive) = KernelDropCheck.Apply(Healthy(), Watch(SynIn, SynAckOut), Ran(again, again with { AtMs = 3500 }), false);

        Assert.Null(decisive);
        Assert.Contains("sent its SYN-ACK to 10.1.1.7 again 2 times", Catalog.English.Format(result.Single(f => f.Layer == Layer.Route).Summary), StringComparison.Ordinal);
    }

    [Fact]
    public void A_watch_that_could_not_load_says_why_and_what_the_fallback_counted_host_wide()
    {
        var kernel = new KernelWatch("loading eBPF programs needs CAP_BPF and CAP_PERFMON (run as root)", [], 0, [new KernelDropCount("NETFILTER_DROP", "nft_do_chain", 3)], null);

        var (result, decisive) = KernelDropCheck.Apply(Healthy(), Watch(SynIn), kernel, false);

        Assert.Null(decisive);
        var evidence = result.Single(f => f.Layer == Layer.Route).Evidence;
        Assert.Contains(evidence, e => e.Detail == "not running: loading eBPF programs needs CAP_BPF and CAP_PERFMON (run as root)");
        Assert.Contains(evidence, e => e.Source.Contains("host-wide", StringComparison.Ordinal) && e.Detail == "3 × NETFILTER_DROP in nft_do_chain");
        Assert.All(result, f => Assert.Equal(CheckStatus.Pass, f.Status));
    }

    [Theory]
    [InlineData("NETFILTER_DROP", "nft_do_chain", true, true, false, "firewall.drop")]
    [InlineData("NETFILTER_DROP", "nf_hook_slow", true, true, true, "firewall.conntrack-full")]
    [InlineData("NETFILTER_DROP", "nft_do_chain", true, true, true, "firewall.drop")]
    [InlineData("NO_SOCKET", "tcp_v4_rcv", true, true, false, "listener.none")]
    [InlineData("NO_SOCKET", "tcp_v6_rcv", true, false, false, null)]
    [InlineData("TCP_LISTEN_OVERFLOW", "tcp_v4_rcv", true, false, false, "listener.overflow")]
    [InlineData("IP_RPFILTER", "ip_rcv_finish_core", true, true, false, "route.rp-filter")]
    [InlineData("NEIGH_FAILED", "neigh_invalidate", false, false, false, "route.no-return")]
    [InlineData("IP_OUTNOROUTES", "ip_route_output_flow", false, false, false, "route.no-return")]
    [InlineData("NEIGH_FAILED", "neigh_invalidate", true, true, false, null)]
    [InlineData("TCP_CSUM", "tcp_v4_rcv", true, true, false, null)]
    public void Each_reason_proves_its_verdict(string reason, string function, bool incoming, bool syn, bool conntrackFull, string? code)
    {
        Assert.Equal(code, DropReasonMap.Proves(reason, function, incoming, syn, conntrackFull)?.Name);
    }
}
