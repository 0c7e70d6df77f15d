using Reach.Core.Diagnosis;
using Reach.Core.Model;
using Reach.Core.Text;
using Xunit;

namespace Reach.Tests.Diagnosis;

/// <summary>Which finding outranks which, as a table: every rule of <see cref="Precedence"/>, each row a case it decides.</summary>
public sealed class PrecedenceTests
{
    /// <summary>A finding reduced to what precedence looks at: its code and status ("port.filtered:fail").</summary>
    private static Finding F(string codeAndStatus)
    {
        var (name, status) = (codeAndStatus.Split(':')[0], codeAndStatus.Split(':')[1]);
        return new Finding(Codes.FromName(name)!, Enum.Parse<CheckStatus>(status, ignoreCase: true), Message.Verbatim(name), []);
    }

    private static Finding[] All(string findings) => findings.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(F).ToArray();

    [Theory]
    // The lowest failing layer is the root cause, whatever order the checks came in.
    [InlineData("link.down:fail port.filtered:fail", "link.down")]
    [InlineData("port.filtered:fail link.down:fail", "link.down")]
    [InlineData("interface.no-address:fail gateway.unreachable:fail", "interface.no-address")]
    // This host's own rules stop the packet before any gateway sees it.
    [InlineData("gateway.unreachable:fail local.firewall:fail", "local.firewall")]
    [InlineData("local.route:fail link.down:fail", "link.down")]
    [InlineData("dns.nxdomain:fail gateway.unreachable:fail", "gateway.unreachable")]
    [InlineData("route.unreachable:fail dns.nxdomain:fail", "dns.nxdomain")]
    [InlineData("port.closed:fail route.host-unreachable:fail", "route.host-unreachable")]
    // Within one layer, the order the checks gave.
    [InlineData("port.rejected:fail port.closed:fail", "port.rejected")]
    // A failure anywhere outranks an undecided check below it: the undecided one only makes it inconclusive when nothing failed.
    [InlineData("link.unknown:inconclusive port.filtered:fail", "port.filtered")]
    [InlineData("route.unknown:inconclusive dns.unknown:inconclusive", "inconclusive")]
    [InlineData("port.open:pass route.unknown:inconclusive", "inconclusive")]
    // Warnings, skips and passes never make a verdict.
    [InlineData("interface.errors:warn gateway.on-link:pass dns.not-needed:skip port.open:pass", "ok")]
    [InlineData("route.not-checked:skip port.not-checked:skip", "ok")]
    // The server end: the listener before the firewall; the watch's route finding before both.
    [InlineData("listener.none:fail firewall.drop:fail", "listener.none")]
    [InlineData("listener.ok:pass firewall.drop:fail route.no-return:fail", "route.no-return")]
    public void The_verdict_is_the_finding_that_outranks_the_others(string findings, string verdict)
    {
        var all = All(findings);
        var root = Precedence.Root(all);

        Assert.Equal(verdict, root is null ? "ok" : root.Status == CheckStatus.Fail ? root.Code.Name : "inconclusive");
        Assert.Equal(verdict, Diagnoser.Diagnose(all, "fine").Verdict.Code.Name);
    }

    [Theory]
    // The kernel said why it dropped the flow's packets: that finding outranks a lower failing layer.
    [InlineData("listener.none:fail firewall.drop:fail", "firewall.drop", "firewall.drop")]
    [InlineData("route.unreachable:fail listener.overflow:fail", "listener.overflow", "listener.overflow")]
    // Nothing proven, or the proven code carried by no failing finding: the layers decide as always.
    [InlineData("listener.none:fail firewall.drop:fail", null, "listener.none")]
    [InlineData("listener.none:fail firewall.drop:warn", "firewall.drop", "listener.none")]
    public void A_cause_the_kernel_proved_for_the_flow_outranks_the_lowest_failing_layer(string findings, string? proven, string verdict)
    {
        var all = All(findings);

        Assert.Equal(verdict, (Precedence.KernelProven(all, proven is null ? null : Codes.FromName(proven)) ?? Precedence.Root(all))!.Code.Name);
    }

    [Fact]
    public void An_inconclusive_verdict_names_the_lowest_undecided_layer_and_problems_list_every_failure_root_first()
    {
        var (unsure, _) = Diagnoser.Diagnose(All("port.unknown:inconclusive dns.unknown:inconclusive"), "fine");
        var (_, problems) = Diagnoser.Diagnose(All("port.filtered:fail interface.errors:warn link.down:fail port.filtered:fail"), "fine");

        Assert.Equal(Layer.Dns, unsure.Layer);
        Assert.Equal(["link.down", "port.filtered"], problems.Select(c => c.Name));
    }

    [Fact]
    public void Layers_are_ranked_each_once_in_the_order_a_root_cause_is_sought()
    {
        Assert.Equal(Enum.GetValues<Layer>().Order(), Precedence.Layers.Order());
        Assert.Equal(
            [Layer.Link, Layer.Interface, Layer.Local, Layer.Gateway, Layer.Dns, Layer.Route, Layer.Port, Layer.Listener, Layer.Firewall],
            Precedence.Layers.OrderBy(Precedence.Rank));
    }

    [Theory]
    [InlineData("gateway", "link.down:fail", true)]
    [InlineData("gateway", "link.up:pass interface.misconfigured:fail", true)]
    [InlineData("gateway", "link.up:pass interface.errors:warn", false)]
    [InlineData("gateway", "link.unknown:inconclusive interface.up:pass", false)]
    [InlineData("route", "link.up:pass interface.up:pass gateway.unreachable:fail", true)]
    [InlineData("route", "link.up:pass interface.down:fail gateway.not-checked:skip", true)]
    [InlineData("route", "link.up:pass interface.up:pass gateway.on-link:pass", false)]
    [InlineData("route", "link.up:pass interface.up:pass gateway.unknown:inconclusive", false)]
    [InlineData("port", "route.unreachable:fail", true)]
    [InlineData("port", "route.not-checked:skip", true)]
    [InlineData("port", "route.prohibited:fail", false)]
    [InlineData("port", "route.ok:pass", false)]
    [InlineData("port", "route.unknown:inconclusive", false)]
    [InlineData("dns", "link.down:fail", false)]
    public void A_check_stands_aside_for_the_failures_below_it(string layer, string below, bool hidden)
    {
        Assert.Equal(hidden, Precedence.HiddenBelow(Enum.Parse<Layer>(layer, ignoreCase: true), All(below)));
    }

    [Theory]
    [InlineData("local.route:fail", "local.firewall:fail", "local.route", true)]
    [InlineData(null, "local.firewall:fail", "local.firewall", false)]
    [InlineData(null, null, null, false)]
    public void This_hosts_refusing_route_outranks_its_output_rules_and_hides_gateway_and_route(string? route, string? firewall, string? own, bool refuses)
    {
        var ownHost = Precedence.OwnHost(route is null ? null : F(route), firewall is null ? null : F(firewall));

        Assert.Equal(own, ownHost?.Code.Name);
        Assert.Equal(refuses, Precedence.OwnRoutingRefuses(ownHost));
    }

    [Theory]
    [InlineData("pass fail warn", 1)]
    [InlineData("warn inconclusive fail", 2)]
    [InlineData("pass warn inconclusive", 2)]
    [InlineData("pass skip warn", 2)]
    [InlineData("skip pass", 0)]
    [InlineData("pass skip", 0)]
    [InlineData("skip skip", 0)]
    [InlineData("fail fail", 0)]
    public void Among_the_places_a_packet_is_delivered_the_worst_speaks(string statuses, int chosen)
    {
        var places = statuses.Split(' ').Select((s, i) => (Index: i, Status: Enum.Parse<CheckStatus>(s, ignoreCase: true))).ToList();

        Assert.Equal(chosen, Precedence.Worst(places, p => p.Status).Index);
    }

    [Theory]
    [InlineData("fail", true, "warn")]
    [InlineData("fail", false, "fail")]
    [InlineData("pass", true, "pass")]
    [InlineData("inconclusive", true, "inconclusive")]
    public void A_firewall_that_stops_every_packet_answers_before_a_missing_listener(string listener, bool stopsEvery, string expected)
    {
        Assert.Equal(Enum.Parse<CheckStatus>(expected, true), Precedence.ListenerBehindFirewall(Enum.Parse<CheckStatus>(listener, true), stopsEvery));
    }

    [Theory]
    // The far side (route, port, inconclusive) gives way to a server's proof.
    [InlineData("port.filtered", "firewall.drop", false, JoinWinner.Server)]
    [InlineData("port.rejected", "firewall.reject", false, JoinWinner.Server)]
    [InlineData("port.closed", "listener.loopback-only", false, JoinWinner.Server)]
    [InlineData("port.filtered", "route.no-return", false, JoinWinner.Server)]
    [InlineData("inconclusive", "listener.wrong-family", false, JoinWinner.Server)]
    [InlineData("route.unreachable", "listener.none", true, JoinWinner.Server)]
    // A server that saw no SYN turns a silence into a loss on the path; not a refusal it never saw.
    [InlineData("port.filtered", "route.unreachable", true, JoinWinner.LossOnPath)]
    [InlineData("route.unreachable", "ok", true, JoinWinner.LossOnPath)]
    [InlineData("inconclusive", "ok", true, JoinWinner.LossOnPath)]
    [InlineData("port.closed", "ok", true, JoinWinner.Local)]
    // A verdict below the far side stands: the packets never got far.
    [InlineData("dns.nxdomain", "listener.none", true, JoinWinner.Local)]
    [InlineData("local.firewall", "firewall.drop", false, JoinWinner.Local)]
    [InlineData("gateway.unreachable", "listener.none", true, JoinWinner.Local)]
    [InlineData("ok", "listener.none", false, JoinWinner.Local)]
    // The server's own state that drops the packets is a proof too; its ok is not.
    [InlineData("port.filtered", "listener.overflow", false, JoinWinner.Server)]
    [InlineData("port.filtered", "firewall.conntrack-full", false, JoinWinner.Server)]
    [InlineData("route.unreachable", "route.rp-filter", false, JoinWinner.Server)]
    [InlineData("port.filtered", "ok", false, JoinWinner.Local)]
    public void The_join_keeps_the_verdict_of_the_end_that_knows(string local, string server, bool serverSawNoSyn, JoinWinner winner)
    {
        var localCode = Codes.FromName(local)!;

        Assert.Equal(winner, Precedence.Join(localCode, localCode.Layer, Codes.FromName(server)!, serverSawNoSyn));
    }
}
