using System.Net;
using Reach.Core.Assessment;
using Reach.Core.Model;
using Reach.Core.Observations;
using Reach.Engine;
using Reach.Firewall;
using Xunit;

namespace Reach.Tests.Local;

/// <summary>The server-side judgement from hand-built listeners and a real engine trace over a small ruleset.</summary>
public sealed class LocalAssessmentTests
{
    private static readonly IPAddress Web1 = IPAddress.Parse("10.1.2.5");
    private static readonly IPAddress Dev1 = IPAddress.Parse("10.1.1.7");

    private static FirewallObservation Firewall(string iptablesSave)
    {
        var ruleset = Ruleset.Create([IptablesSaveParser.Parse(iptablesSave, "iptables")]);
        var trace = PacketTracer.Trace(ruleset, Packet.Tcp(Dev1, Web1, 80, TrafficDirection.Input, 40000) with { InInterface = "eth0" });
        return new FirewallObservation(FirewallTraces.From(trace), ["iptables-save -c"], [], "tcp 10.1.1.7 → 10.1.2.5:80");
    }

    private static readonly FirewallObservation Open = Firewall("*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\nCOMMIT\n");

    private static LocalObservations Observe(IReadOnlyList<Listener> listeners, FirewallObservation? firewall = null, long overflows = 0) =>
        new(80, "tcp", Dev1, true, Web1, "eth0", listeners, overflows, firewall ?? Open);

    private static Listener Tcp(string address, bool? v6only = null, int queue = 0, int backlog = 128) =>
        new("tcp", IPAddress.Parse(address), 80, v6only, null, "919/apache", queue, backlog);

    [Fact]
    public void Wildcard_listener_and_open_firewall_pass()
    {
        var findings = LocalAssessment.Assess(Observe([Tcp("0.0.0.0")]));

        Assert.All(findings, f => Assert.Equal(CheckStatus.Pass, f.Status));
        Assert.Contains("919/apache listens on 0.0.0.0:80", findings[0].Summary.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Dual_stack_ipv6_wildcard_accepts_ipv4_clients()
    {
        Assert.Equal(CheckStatus.Pass, ListenerCheck.Assess(Observe([Tcp("::", v6only: false)])).Status);
    }

    [Fact]
    public void Listener_on_another_address_is_none_for_this_one()
    {
        var f = ListenerCheck.Assess(Observe([Tcp("10.9.9.9")]));

        Assert.Equal(Codes.ListenerNone, f.Code);
        Assert.Contains("not on 10.1.2.5", f.Summary.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_listening_on_a_router_asked_without_to_says_to_add_to()
    {
        var router = Observe([]) with { RouterWithoutTo = true };

        var f = ListenerCheck.Assess(router);

        Assert.Equal(Codes.ListenerNone, f.Code);
        Assert.Equal("listener.none.fix.router", f.Fix!.Key);
        Assert.Contains("`reach local 80 --from 10.1.1.7 --to ADDRESS`", f.Fix.ToString(), StringComparison.Ordinal);
        // A host that does not forward keeps the plain fix: the service itself is missing.
        Assert.Equal("listener.none.fix", ListenerCheck.Assess(Observe([]) with { RouterWithoutTo = false }).Fix!.Key);
    }

    [Fact]
    public void Full_accept_queue_fails()
    {
        var f = ListenerCheck.Assess(Observe([Tcp("0.0.0.0", queue: 129, backlog: 128)]));

        Assert.Equal(CheckStatus.Fail, f.Status);
        Assert.Equal(Codes.ListenerOverflow, f.Code);
    }

    [Fact]
    public void Accept_queue_exactly_at_its_backlog_warns_since_one_more_fits()
    {
        var f = ListenerCheck.Assess(Observe([Tcp("0.0.0.0", queue: 128, backlog: 128)]));

        Assert.Equal(CheckStatus.Warn, f.Status);
        Assert.Equal(Codes.ListenerOverflow, f.Code);
    }

    [Fact]
    public void Listen_overflows_counted_while_the_check_ran_warn()
    {
        var o = Observe([Tcp("0.0.0.0")], overflows: 5) with { ListenOverflowsAfter = 9 };

        Assert.Equal(Codes.ListenerOverflow, ListenerCheck.Assess(o).Code);
    }

    [Fact]
    public void Listen_overflows_counted_before_the_check_do_not_warn_for_ever()
    {
        var o = Observe([Tcp("0.0.0.0")], overflows: 5) with { ListenOverflowsAfter = 5 };

        Assert.Equal(Codes.ListenerOk, ListenerCheck.Assess(o).Code);
    }

    [Fact]
    public void Reject_rule_is_firewall_reject_with_the_command_that_undoes_it()
    {
        var firewall = Firewall("*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n[3:180] -A INPUT -p tcp -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable\nCOMMIT\n");

        var f = FirewallCheck.Assess(Observe([Tcp("0.0.0.0")], firewall));

        Assert.Equal(Codes.FirewallReject, f.Code);
        Assert.Contains("[3:180]", f.Summary.ToString(), StringComparison.Ordinal);
        Assert.Contains("iptables -t filter -D INPUT 1", f.Fix?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Policy_drop_is_firewall_drop_naming_the_policy()
    {
        var f = FirewallCheck.Assess(Observe([Tcp("0.0.0.0")], Firewall("*filter\n:INPUT DROP [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n-A INPUT -p tcp --dport 22 -j ACCEPT\nCOMMIT\n")));

        Assert.Equal(Codes.FirewallDrop, f.Code);
        Assert.Contains("policy DROP of filter/INPUT", f.Summary.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Accept_from_the_rules_that_could_be_read_is_inconclusive_when_some_could_not()
    {
        var partial = Open with { Unreadable = [new UnreadableRules("nft -j list tables: the nft command is not installed, so native nftables tables were not read")] };

        var f = FirewallCheck.Assess(Observe([Tcp("0.0.0.0")], partial));

        Assert.Equal(CheckStatus.Inconclusive, f.Status);
        Assert.Contains("not all could be read", f.Summary.ToString(), StringComparison.Ordinal);
        Assert.Contains("nft command is not installed", f.Summary.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Unreadable_firewall_is_inconclusive_not_a_guess()
    {
        var f = FirewallCheck.Assess(Observe([Tcp("0.0.0.0")], new FirewallObservation(null, [],
            [new UnreadableRules("iptables-save -c: Permission denied (you must be root)", NeedsPrivilege: true)], "tcp")));

        Assert.Equal(CheckStatus.Inconclusive, f.Status);
        Assert.Contains("needs CAP_NET_ADMIN", f.Summary.ToString(), StringComparison.Ordinal);
        Assert.Contains(f.Evidence, e => e.Detail.Contains("Permission denied", StringComparison.Ordinal));
    }

    [Fact]
    public void An_undecided_firewall_carries_firewall_unknown_never_a_success_code()
    {
        var f = FirewallCheck.Assess(Observe([Tcp("0.0.0.0")], Open with { Unreadable = [new UnreadableRules("nft -j list tables: exit 1")] }));

        Assert.Equal((CheckStatus.Inconclusive, Codes.Unknown(Layer.Firewall)), (f.Status, f.Code));
    }

    [Fact]
    public void A_drop_outranks_the_missing_listener_the_client_never_reaches()
    {
        var drop = Firewall("*filter\n:INPUT DROP [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\nCOMMIT\n");
        var findings = LocalAssessment.Assess(Observe([], drop));
        var (verdict, _) = Reach.Core.Diagnosis.Diagnoser.Diagnose(findings, "ok");

        Assert.Equal(Codes.FirewallDrop, verdict.Code);
        var listener = findings.Single(f => f.Layer == Layer.Listener);
        Assert.Equal((CheckStatus.Warn, Codes.ListenerNone), (listener.Status, listener.Code));
        Assert.Contains("the firewall stops the client's packet before it gets here", listener.Summary.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("RST", listener.Summary.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_listener_bound_to_another_device_does_not_take_the_client()
    {
        var bound = new Listener("tcp", IPAddress.Any, 80, null, "docker0", "77/node_exporter", 0, 128);

        var f = ListenerCheck.Assess(Observe([bound]));

        Assert.Equal(Codes.ListenerNone, f.Code);
        Assert.Contains("SO_BINDTODEVICE", f.Summary.ToString(), StringComparison.Ordinal);
        Assert.Contains("arrives on eth0", f.Summary.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_listener_bound_to_the_arrival_device_takes_the_client()
    {
        var bound = new Listener("tcp", IPAddress.Any, 80, null, "eth0", "77/node_exporter", 0, 128);

        Assert.Equal(CheckStatus.Pass, ListenerCheck.Assess(Observe([bound])).Status);
    }

    [Fact]
    public void Forwarded_off_this_host_is_listener_not_checked()
    {
        var o = Observe([]) with { Deliveries = [new Delivery(IPAddress.Parse("10.9.0.5"), 80, "10.9.0.5 (out eth1)", null, [], Remote: true)] };

        var f = ListenerCheck.Assess(o);

        Assert.Equal((CheckStatus.Skip, Codes.NotChecked(Layer.Listener)), (f.Status, f.Code));
    }
}
