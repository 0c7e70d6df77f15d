using System.Net;
using Reach.Core.Assessment;
using Reach.Core.Diagnosis;
using Reach.Core.Model;
using Reach.Core.Observations;
using Reach.Engine;
using Reach.Firewall;
using Reach.Readers;
using Reach.Readers.Parsing;
using Xunit;

namespace Reach.Tests.Local;

/// <summary>
/// The server state that drops packets past every rule: a full accept queue, a full conntrack table,
/// the reverse-path filter. Fed by files captured in the lab with each fault (Fixtures/server-state,
/// see Fixtures/README.md).
/// </summary>
public sealed class ServerStateTests
{
    private static readonly IPAddress Web1 = IPAddress.Parse("10.1.2.5");
    private static readonly IPAddress Dev1 = IPAddress.Parse("10.1.1.7");

    private static string Captured(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "server-state", name));

    private static FirewallObservation Firewall(string iptablesSave)
    {
        var ruleset = Ruleset.Create([IptablesSaveParser.Parse(iptablesSave, "iptables")]);
        var trace = PacketTracer.Trace(ruleset, Packet.Tcp(Dev1, Web1, 80, TrafficDirection.Input, 40000) with { InInterface = "eth0" });
        return new FirewallObservation(FirewallTraces.From(trace), ["iptables-save -c"], [], "tcp 10.1.1.7 → 10.1.2.5:80");
    }

    private static readonly FirewallObservation Open = Firewall("*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\nCOMMIT\n");

    private static LocalObservations Observe(IReadOnlyList<Listener> listeners, FirewallObservation? firewall = null) =>
        new(80, "tcp", Dev1, true, Web1, "eth0", listeners, 0, firewall ?? Open);

    /// <summary>The counters of web1 as captured: a plain healthy reading, or the fault's.</summary>
    private static DropCounters Read(Dictionary<string, string> files) => new DropCounterReader(new FakeSystem(files)).Read();

    private static DropCounters AcceptFull => Read(new() { [DropCounterReader.Netstat] = Captured("netstat-accept-full.txt") });

    private static DropCounters ConntrackFull => Read(new()
    {
        [DropCounterReader.ConntrackStat] = Captured("nf_conntrack-stat-full.txt"),
        [DropCounterReader.ConntrackCountFile] = Captured("nf_conntrack_count-full.txt"),
        [DropCounterReader.ConntrackMaxFile] = Captured("nf_conntrack_max-full.txt"),
    });

    // ------------------------------------------------------------------ readers

    [Fact]
    public void Netstat_of_an_overflowed_listener_gives_its_overflows_and_drops()
    {
        var c = AcceptFull;

        Assert.Equal(3, c.ListenOverflows);
        Assert.Equal(3, c.ListenDrops);
        Assert.Equal(0, c.ReversePathFilter);
        Assert.Contains(DropCounterReader.Netstat, c.Sources);
    }

    [Fact]
    public void Conntrack_stat_sums_the_cpus_and_takes_entries_once()
    {
        var stat = ConntrackStatParser.Parse(Captured("nf_conntrack-stat-full.txt"));

        Assert.Equal(0x72, stat["entries"]);
        Assert.Equal(2, stat["drop"]);
        Assert.Equal(0, stat["early_drop"]);
    }

    [Fact]
    public void A_table_holding_its_maximum_is_full()
    {
        var c = ConntrackFull;

        Assert.Equal(114, c.ConntrackCount);
        Assert.Equal(114, c.ConntrackMax);
        Assert.True(c.ConntrackFull);
        Assert.Equal(2, c.ConntrackDrop);
    }

    [Fact]
    public void No_limit_is_never_full()
    {
        Assert.False((ConntrackFull with { ConntrackMax = 0 }).ConntrackFull);
    }

    [Fact]
    public void Rise_is_the_difference_never_negative_and_null_where_a_reading_is_missing()
    {
        var before = new DropCounters { ListenOverflows = 5, ConntrackDrop = 9, ReversePathFilter = null, ConntrackCount = 10 };
        var after = new DropCounters { ListenOverflows = 8, ConntrackDrop = 2, ReversePathFilter = 4, ConntrackCount = 12 };

        var rise = after.Rise(before);

        Assert.Equal(3, rise.ListenOverflows);
        Assert.Equal(0, rise.ConntrackDrop);
        Assert.Null(rise.ReversePathFilter);
        Assert.Equal(12, rise.ConntrackCount);
    }

    // ------------------------------------------------------------------ accept queue

    [Fact]
    public void A_stopped_server_with_a_full_queue_is_listener_overflow_naming_the_process_backlog_and_state()
    {
        var listeners = SsParser.Parse(Captured("ss-accept-full.txt"));
        var before = AcceptFull with { ListenOverflows = 1 };
        var o = Observe(listeners) with
        {
            Counters = before,
            CountersAfter = AcceptFull,
            ListenOverflows = before.ListenOverflows,
            ListenOverflowsAfter = AcceptFull.ListenOverflows,
            Somaxconn = 4096,
            ProcessStates = new Dictionary<int, string> { [26562] = "T (stopped)" },
        };

        var f = ListenerCheck.Assess(o);

        Assert.Equal(CheckStatus.Fail, f.Status);
        Assert.Equal(Codes.ListenerOverflow, f.Code);
        Assert.Contains("26562/python3", f.Summary.ToString(), StringComparison.Ordinal);
        Assert.Contains("2 connections wait for accept() against a backlog of 1", f.Summary.ToString(), StringComparison.Ordinal);
        Assert.Contains("the application's own listen(); net.core.somaxconn is 4096", f.Summary.ToString(), StringComparison.Ordinal);
        Assert.Contains("T (stopped)", f.Summary.ToString(), StringComparison.Ordinal);
        Assert.Contains("2 SYNs dropped while this check ran", f.Summary.ToString(), StringComparison.Ordinal);
        Assert.Contains("kill -CONT 26562", f.Fix?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_full_queue_capped_by_somaxconn_says_to_raise_somaxconn()
    {
        var o = Observe([new Listener("tcp", IPAddress.Any, 80, null, null, "812/nginx", 129, 128)]) with { Somaxconn = 128 };

        var f = ListenerCheck.Assess(o);

        Assert.Equal(Codes.ListenerOverflow, f.Code);
        Assert.Contains("net.core.somaxconn's cap, 128", f.Summary.ToString(), StringComparison.Ordinal);
        Assert.Contains("net.core.somaxconn", f.Fix?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_full_queue_is_the_verdict_of_reach_local_not_a_warning_under_ok()
    {
        var listeners = SsParser.Parse(Captured("ss-accept-full.txt"));
        var (verdict, problems) = Diagnoser.Diagnose(LocalAssessment.Assess(Observe(listeners)), "ok");

        Assert.Equal(Codes.ListenerOverflow, verdict.Code);
        Assert.Contains(Codes.ListenerOverflow, problems);
    }

    // ------------------------------------------------------------------ conntrack

    [Fact]
    public void A_full_conntrack_table_is_firewall_conntrack_full_and_the_verdict()
    {
        var o = Observe([new Listener("tcp", IPAddress.Any, 80, null, null, "26562/python3", 0, 5)]) with
        {
            Counters = ConntrackFull with { ConntrackDrop = 0 },
            CountersAfter = ConntrackFull,
        };

        var findings = LocalAssessment.Assess(o);
        var (verdict, _) = Diagnoser.Diagnose(findings, "ok");

        Assert.Equal(Codes.FirewallConntrackFull, verdict.Code);
        Assert.Contains("114 of 114 entries", verdict.Summary.ToString(), StringComparison.Ordinal);
        Assert.Contains("2 new connections dropped while this check ran", verdict.Summary.ToString(), StringComparison.Ordinal);
        Assert.Contains("nf_conntrack_max", verdict.Fix.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_with_room_and_no_drops_adds_no_line()
    {
        var roomy = ConntrackFull with { ConntrackMax = 262144 };
        var o = Observe([]) with { Counters = roomy with { ConntrackDrop = 2 }, CountersAfter = roomy };

        Assert.Null(ConntrackCheck.Assess(o));
    }

    [Fact]
    public void Evictions_alone_warn()
    {
        var roomy = ConntrackFull with { ConntrackMax = 262144 };
        var o = Observe([]) with { Counters = roomy with { ConntrackEarlyDrop = 0 }, CountersAfter = roomy with { ConntrackEarlyDrop = 7 } };

        var f = ConntrackCheck.Assess(o)!;

        Assert.Equal(CheckStatus.Warn, f.Status);
        Assert.Equal(Codes.FirewallConntrackFull, f.Code);
    }

    [Fact]
    public void Nothing_listening_behind_a_full_table_is_only_a_warning()
    {
        var o = Observe([]) with { Counters = ConntrackFull, CountersAfter = ConntrackFull };

        var (verdict, _) = Diagnoser.Diagnose(LocalAssessment.Assess(o), "ok");

        Assert.Equal(Codes.FirewallConntrackFull, verdict.Code);
    }

    // ------------------------------------------------------------------ reverse path

    private static RouteDecision Route(IPAddress destination, string name) =>
        IpJsonParser.ParseRouteGet(destination, int.Parse(Captured(name + ".rc"), System.Globalization.CultureInfo.InvariantCulture), Captured(name + ".stdout"), Captured(name + ".stderr"));

    private static RouteDecision Back => IpJsonParser.ParseRouteGet(Dev1, 0, Captured("rp-back.stdout"), string.Empty);

    [Fact]
    public void Strict_rp_filter_refusing_eth0_is_route_rp_filter_naming_the_other_interface_and_the_sysctl()
    {
        var o = Observe([]) with
        {
            ReversePaths =
            [
                new ReversePathProbe("eth0", Web1, 1, Route(Web1, "rp-input-eth0"), Back, false),
                new ReversePathProbe("eth1", IPAddress.Parse("10.1.1.9"), 1, Route(IPAddress.Parse("10.1.1.9"), "rp-input-eth1"), Back, false),
            ],
        };

        var f = ReversePathCheck.Assess(o)!;

        Assert.Equal(Codes.RouteRpFilter, f.Code);
        Assert.Equal(CheckStatus.Fail, f.Status);
        Assert.Contains("arrive on eth0 (to 10.1.2.5)", f.Summary.ToString(), StringComparison.Ordinal);
        Assert.Contains("rp_filter is 1 (strict)", f.Summary.ToString(), StringComparison.Ordinal);
        Assert.Contains("would leave by eth1", f.Summary.ToString(), StringComparison.Ordinal);
        Assert.Contains("net.ipv4.conf.eth0.rp_filter=2", f.Fix?.ToString(), StringComparison.Ordinal);
        Assert.Contains(f.Evidence, e => e.Detail.Contains("Invalid argument", StringComparison.Ordinal));
    }

    [Fact]
    public void The_reverse_path_filter_comes_before_the_listener_and_the_firewall()
    {
        var o = Observe([]) with { ReversePaths = [new ReversePathProbe("eth0", Web1, 1, Route(Web1, "rp-input-eth0"), Back, true)] };

        var (verdict, _) = Diagnoser.Diagnose(LocalAssessment.Assess(o), "ok");

        Assert.Equal(Codes.RouteRpFilter, verdict.Code);
    }

    [Fact]
    public void The_interface_the_reply_leaves_by_passes()
    {
        var eth1 = IPAddress.Parse("10.1.1.9");
        var o = Observe([]) with { ReversePaths = [new ReversePathProbe("eth1", eth1, 1, Route(eth1, "rp-input-eth1"), Back, true)] };

        var f = ReversePathCheck.Assess(o)!;

        Assert.Equal(Codes.RouteOk, f.Code);
        Assert.Contains("passes for 10.1.1.7 on eth1", f.Summary.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Rp_filter_off_is_not_asked_and_passes()
    {
        var o = Observe([]) with { ReversePaths = [new ReversePathProbe("eth0", Web1, 0, null, Back, false)] };

        var f = ReversePathCheck.Assess(o)!;

        Assert.Equal(CheckStatus.Pass, f.Status);
        Assert.Contains("rp_filter is 0 on eth0", f.Summary.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void No_client_and_no_counter_rise_adds_no_route_line()
    {
        Assert.Null(ReversePathCheck.Assess(Observe([])));
    }

    [Fact]
    public void A_rise_of_the_counter_alone_warns()
    {
        var o = Observe([]) with { Counters = new DropCounters { ReversePathFilter = 3 }, CountersAfter = new DropCounters { ReversePathFilter = 7 } };

        var f = ReversePathCheck.Assess(o)!;

        Assert.Equal(CheckStatus.Warn, f.Status);
        Assert.Contains("dropped 4 packets", f.Summary.ToString(), StringComparison.Ordinal);
    }

    // ------------------------------------------------------------------ precedence

    [Fact]
    public void An_undecided_firewall_never_yields_listener_none()
    {
        var unknown = new FirewallObservation(null, [], [new UnreadableRules("iptables-save: Permission denied")], "tcp 10.1.1.7 → 10.1.2.5:80");

        var findings = LocalAssessment.Assess(Observe([], unknown));
        var (verdict, problems) = Diagnoser.Diagnose(findings, "ok");

        Assert.Equal(Codes.Inconclusive, verdict.Code);
        Assert.DoesNotContain(Codes.ListenerNone, problems);
        var listener = findings.Single(f => f.Layer == Layer.Listener);
        Assert.Equal(CheckStatus.Warn, listener.Status);
        Assert.Contains("nothing listens on tcp/80", listener.Summary.ToString(), StringComparison.Ordinal);
    }
}
