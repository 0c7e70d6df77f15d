using System.Collections.Concurrent;
using System.Net;
using System.Net.NetworkInformation;
using Reach.Core.Model;
using Reach.Core.Observations;
using Reach.Core.Targets;
using Reach.Engine;
using Xunit;
using static Reach.Tests.Engine.LabNetwork;

namespace Reach.Tests.Engine;

/// <summary>
/// `reach check` end to end without root: the system as a real run on the lab's dev1 read it under each
/// fault (Fixtures/check, recorded by capture.sh), the probes scripted as the lab answers them (LabNetwork)
/// with the fault's answer, on a fake clock. Every code the client side can emit comes out of one scenario.
/// </summary>
public sealed class CheckReplayTests
{
    private static readonly ProbeOptions Options = new(ProbeOptions.DefaultTimeout, ProbeOptions.DefaultMaxHops);

    private static readonly IPEndPoint Web1Port80 = new(Web1, 80);

    /// <summary>A scenario: the recorded system, the target, the network with the fault's answers, the verdict and codes it must give.</summary>
    private sealed record Scenario(string Fixture, string Target, Func<ScriptedNetwork> Network, string Verdict, params string[] Codes);

    private static ScriptedNetwork With(Action<ScriptedNetwork> fault)
    {
        var network = Healthy();
        fault(network);
        return network;
    }

    private static ScriptedNetwork Silent() => new();

    private static readonly Dictionary<string, Scenario> Scenarios = new()
    {
        ["healthy"] = new("healthy", "web1:80", Healthy, "ok", "link.up", "interface.up", "gateway.ok", "dns.ok", "route.ok", "port.open"),
        ["literal address"] = new("healthy", "10.1.2.5:80", Healthy, "ok", "dns.not-needed", "route.ok", "port.open"),
        ["on-link target"] = new("on-link", "10.1.1.3:80", () => With(n => n.Syn = (to, ttl, _, _) => ttl is null ? new TcpOutcome(to, TcpResult.Open, 0.2, AnswerTtl: 64) : null), "ok", "gateway.on-link", "port.open"),

        // The SYN's answer decides (web1-drop: the reads of a run whose SYN went unanswered, with this host's ruleset).
        ["closed"] = new("web1-drop", "web1:80", () => With(n => n.Syn = (to, ttl, _, _) => ttl is null ? new TcpOutcome(to, TcpResult.Reset, 0.4, AnswerTtl: 63) : null), "port.closed", "local.ok", "route.ok"),
        ["rejected"] = new("web1-drop", "web1:80", () => With(n => n.Syn = (to, ttl, _, _) => ttl is null ? Unreachable(to, Web1, 3) : null), "port.rejected", "route.ok"),
        ["filtered"] = new("web1-drop", "web1:80", () => With(n => n.Syn = (to, ttl, _, _) => ttl == 1 ? TimeExceeded(to, Gw) : null), "port.filtered", "route.ok"),
        ["not sent"] = new("web1-drop", "web1:80", () => With(n => n.Syn = (to, ttl, _, _) => ttl is null ? new TcpOutcome(to, TcpResult.LocalError, 0, Detail: "No buffer space available") : null), "inconclusive", "port.unknown"),

        // Where the path ends: silence after gw, or gw's ICMP unreachable for echo and SYN alike.
        ["route unreachable"] = new("web1-drop", "web1:80", () => With(n =>
        {
            n.Echo = (a, _) => OnLink(a) ? new PingOutcome(a, PingResult.Reply, 0.1, Ttl: 64) : null;
            n.Syn = (to, ttl, _, _) => ttl == 1 ? TimeExceeded(to, Gw) : null;
        }), "route.unreachable", "gateway.ok", "port.not-checked"),
        ["host unreachable"] = new("web1-drop", "web1:80", () => RouterSays(1), "route.host-unreachable", "port.not-checked"),
        ["net unreachable"] = new("web1-drop", "web1:80", () => RouterSays(0), "route.net-unreachable"),
        ["prohibited"] = new("web1-drop", "web1:80", () => RouterSays(13), "route.prohibited"),
        // gw-one-way-state: gw's conntrack sees only dev1's side and drops the rest as INVALID: the SYN-ACK comes back, our
        // ACK and the HEAD never reach web1; TCP_INFO as the real run read it, and web1's SYN-ACK came once more.
        ["no data after the handshake"] = new("gw-one-way-state", "web1:80", () => With(n => n.Data = to => new Scripted<DataExchange>(
            new DataExchange("http", DataResult.Nothing, "HEAD / HTTP/1.0, then a FIN", null, 620.7)
            {
                BytesSent = 20, BytesAcked = 0, BytesReceived = 0, Unacked = 1, Retransmits = 3, SynAckRepeats = 1,
            }, TimeSpan.FromMilliseconds(1200))), "port.no-data", "gateway.ok", "route.ok"),
        // jumbo-segment: dev1 and dev2 at MTU 9000 on a 1500 switch; no router between them, so big packets vanish without a word.
        ["mtu mismatch on the segment"] = new("jumbo-segment", "10.1.1.8:80", () => With(n =>
        {
            n.Syn = (to, ttl, _, _) => ttl is null ? new TcpOutcome(to, TcpResult.Open, 0.2, AnswerTtl: 64) : null;
            n.PathMtu = (t, mtu) => new PathMtuOutcome(t, PathMtuResult.BlackHole, mtu, 1500, 17, 950);
        }), "interface.mtu-mismatch", "route.not-checked", "port.open"),
        ["mtu black hole"] = new("healthy", "web1:80", () => With(n => n.PathMtu = (t, mtu) => new PathMtuOutcome(t, PathMtuResult.BlackHole, mtu, 1400, 6, 900, LastBigHop: Gw, LastBigHopTtl: 1)), "route.mtu-blackhole", "port.open"),

        // The gateway: dead (no echo, no ARP answer, nobody on the LAN answers), or only remembered by the kernel.
        ["gateway unreachable"] = new("bogus-gateway", "web1:80", Silent, "gateway.unreachable", "route.not-checked"),
        // Unprivileged (no fresh ARP), gw ignores echo and nothing beyond it answers: only the kernel's REACHABLE entry speaks for gw.
        ["gateway remembered"] = new("unprivileged", "web1:80", () => With(n =>
        {
            n.Echo = (a, _) => a.Equals(Ns1) ? new PingOutcome(a, PingResult.Reply, 0.1, Ttl: 64) : null;
            n.Solicit = (device, a) => new NeighbourOutcome(a, device, NeighbourResult.NotPermitted, 0, 0, Detail: "an ARP request needs CAP_NET_RAW");
            n.Syn = (_, _, _, _) => null;
        }), "route.unreachable", "gateway.unknown", "local.unknown"),
        // gw-no-forwarding: gw answers ping and ARP; nothing it should forward comes back, not even a time-exceeded for TTL 1 (asked again a token later).
        ["gateway not forwarding"] = new("gw-no-forwarding", "web1:80", () => With(n =>
        {
            n.Echo = (a, _) => OnLink(a) ? new PingOutcome(a, PingResult.Reply, 0.1, Ttl: 64) : null;
            n.Syn = (_, _, _, _) => null;
        }), "gateway.not-forwarding", "route.not-checked", "port.not-checked"),
        // gw-address-taken: dev2 took 10.1.1.1 too; both answer the ARP probe (gw's MAC is the one the fixture's table holds
        // for 10.1.1.1 and for the IPv6 router). This run's connection got through: the fault stands all the same.
        ["gateway address taken"] = new("gw-address-taken", "web1:80", () => With(n =>
            n.Claimed = a => a.Equals(Gw) ? [PhysicalAddress.Parse("5E-A4-9F-7B-3B-77"), PhysicalAddress.Parse("72-99-0D-30-56-2E")] : null),
            "gateway.duplicate-address", "interface.up", "port.open"),
        ["no default route"] = new("no-default-route", "web1:80", () => With(n => n.Syn = (to, _, _, _) => new TcpOutcome(to, TcpResult.LocalError, 0, Detail: "Network is unreachable")), "gateway.missing", "route.not-checked", "port.not-checked"),

        // This host itself.
        ["link down"] = new("link-down", "web1:80", Silent, "link.down", "gateway.not-checked"),
        ["interface down"] = new("iface-down", "web1:80", Silent, "interface.down", "link.not-checked"),
        ["no address"] = new("no-address", "web1:80", Silent, "interface.no-address"),
        // dev1 in 10.1.3.0/24 behind a gateway of 10.1.1.0/24: gw still hears it on the shared link, the nameserver does not.
        ["misconfigured"] = new("misconfigured", "web1:80", () => With(n =>
        {
            n.Echo = (a, _) => a.Equals(Gw) ? new PingOutcome(a, PingResult.Reply, 0.1, Ttl: 64) : null;
            n.Lookup = _ => null;
            n.Datagram = _ => null;
            n.Query = (_, _, _) => null;
        }), "interface.misconfigured", "gateway.not-checked"),
        // Recorded in a scratch namespace whose VXLAN link counts a tx error for every ARP request it cannot send.
        ["interface errors"] = new("interface-errors", "10.77.0.2:80", Silent, "route.host-unreachable", "interface.errors", "gateway.on-link"),
        // wrong-prefix: dev1 holds 10.1.1.7/16, so web1 looks on-link: dev1 ARPs for it, nobody answers, and three probes a
        // second apart later (the kernel's defaults) every packet queued for it gets dev1's own host-unreachable.
        ["wrong prefix"] = new("wrong-prefix", "web1:80", WrongPrefix, "interface.wrong-prefix", "gateway.not-checked", "route.not-checked", "port.not-checked"),
        // dev1-address-taken: dev2 took 10.1.1.7 and announced it, so gw and ns1 now send dev1's answers to dev2 (which
        // ignores the DNS queries it never sent); dev2's MAC answers our ARP probe for 10.1.1.7.
        ["own address taken"] = new("dev1-address-taken", "web1:80", () => With(n =>
        {
            n.Claimed = a => a.Equals(IPAddress.Parse("10.1.1.7")) ? [PhysicalAddress.Parse("B6-DF-17-15-17-61")] : null;
            n.Lookup = name => new SystemLookup(name, [], "temporary failure: no nameserver answered", 1);
            n.Query = (_, _, _) => null;
        }), "interface.duplicate-address", "gateway.not-checked"),
        ["own output rule"] = new("dev1-output-drop", "web1:80", () => With(n => n.Syn = (to, ttl, _, _) => new TcpOutcome(to, TcpResult.LocalError, 0, Detail: "Operation not permitted")), "local.firewall", "port.not-checked"),
        ["own blackhole route"] = new("blackhole-route", "web1:80", Healthy, "local.route", "gateway.not-checked", "route.not-checked"),

        // The name.
        ["no nameserver"] = new("no-nameserver", "web1:80", () => With(n => n.Lookup = name => new SystemLookup(name, [], "temporary failure: no nameserver answered", 1)), "dns.no-nameserver"),
        ["nameserver unreachable"] = new("nameserver-absent", "web1:80", () => With(n =>
        {
            n.Lookup = name => null;
            n.Echo = (a, _) => a.Equals(Gw) ? new PingOutcome(a, PingResult.Reply, 0.1, Ttl: 64) : null;
            n.Solicit = (device, a) => a.Equals(Gw) ? new NeighbourOutcome(a, device, NeighbourResult.Answered, 0.2, 1, System.Net.NetworkInformation.PhysicalAddress.Parse("02-00-00-00-01-01")) : null;
        }), "dns.nameserver-unreachable", "route.not-checked"),
        // neigh-table-full: a scanner namespace keeps the host's one ARP table full; dev1 holds no entry for gw or ns1 and cannot
        // add one: the datagram to ns1:53 is refused with ENOBUFS, the echoes and queries vanish (the kernel drops them unsent).
        ["neighbour table full"] = new("neigh-table-full", "web1:80", () => With(n =>
        {
            n.Lookup = _ => null;
            n.Echo = (_, _) => null;
            n.Solicit = (_, _) => null;
            n.Query = (_, _, _) => null;
            n.Datagram = to => new UdpOutcome(to, UdpResult.LocalError, 0, Detail: "No buffer space available (NoBufferSpaceAvailable)");
        }), "interface.neighbour-table-full", "dns.nameserver-unreachable"),
        ["nameserver down"] = new("dns-stopped", "web1:80", () => With(n =>
        {
            n.Lookup = name => new SystemLookup(name, [], "temporary failure: no nameserver answered", 1);
            n.Datagram = to => new UdpOutcome(to, UdpResult.IcmpError, 0.2, new IcmpReport(to.Address, 3, 3));
            n.Query = (_, _, _) => null;
        }), "dns.nameserver-down"),
        ["search path"] = new("no-search", "web1:80", () => With(n => n.Lookup = name => name == "web1.example.net" ? new SystemLookup(name, [Web1], null, 1) : new SystemLookup(name, [], "name not found", 1)), "dns.search-path"),
        ["nxdomain"] = new("nxdomain", "web1:80", () => DnsSays(DnsResult.NxDomain), "dns.nxdomain"),
        ["servfail"] = new("nxdomain", "web1:80", () => DnsSays(DnsResult.ServFail), "dns.servfail"),
        ["refused"] = new("nxdomain", "web1:80", () => DnsSays(DnsResult.Refused), "dns.refused"),
        ["getaddrinfo alone fails"] = new("healthy", "web1:80", () => With(n => n.Lookup = name => new SystemLookup(name, [], "name not found", 1)), "inconclusive", "dns.unknown", "port.open"),
        // /etc/hosts says 10.1.2.99, where nobody lives: gw answers for it with host-unreachable once its ARP gives up.
        ["stale hosts line"] = new("stale-hosts", "web1:80", () => With(n =>
        {
            var stale = IPAddress.Parse("10.1.2.99");
            n.Lookup = name => new SystemLookup(name, [stale], null, 0.1);
            n.Echo = (a, _) => a.Equals(stale) ? new Scripted<PingOutcome>(new PingOutcome(a, PingResult.Error, 3000, new IcmpReport(Gw, 3, 1)), TimeSpan.FromSeconds(3))
                : new PingOutcome(a, PingResult.Reply, 0.2, Ttl: OnLink(a) ? 64 : 63);
            n.Syn = (to, ttl, _, _) => !to.Address.Equals(stale) ? (ttl is null ? new TcpOutcome(to, TcpResult.Open, 0.4) : null)
                : ttl == 1 ? TimeExceeded(to, Gw)
                : new Scripted<TcpOutcome>(Unreachable(to, Gw, 1, 3000), TimeSpan.FromSeconds(3));
        }), "dns.hosts-override", "route.host-unreachable"),
        // dns-first-dead: resolv.conf names 10.1.1.4 (nobody: its ARP stays INCOMPLETE) before ns1; getaddrinfo waits on the dead one past the probe's timeout.
        ["dead first nameserver"] = new("dns-first-dead", "web1:80", () => With(n =>
        {
            var dead = IPAddress.Parse("10.1.1.4");
            var healthy = n.Echo;
            n.Echo = (a, count) => a.Equals(dead) ? null : healthy(a, count);
            var answers = n.Solicit;
            n.Solicit = (device, a) => a.Equals(dead) ? null : answers(device, a);
            n.Lookup = _ => null;
        }), "ok", "dns.slow", "route.ok", "port.open"),
        ["nsswitch without dns"] = new("nsswitch-no-dns", "web1:80", () => With(n => n.Lookup = name => new SystemLookup(name, [], "name not found", 0.2)), "dns.nsswitch"),
        ["resolv.conf unreadable"] = new("resolv-unreadable", "web1:80", () => With(n => n.Lookup = name => new SystemLookup(name, [], "temporary failure: no nameserver answered", 1)), "dns.config-unreadable"),
    };

    /// <summary>
    /// dev1 with a /16 ARPs for web1 itself: the first packet for it starts the resolution, and when it fails
    /// (3 s later: mcast_solicit 3, retrans_time 1 s) every packet queued meanwhile gets dev1's own host-unreachable.
    /// </summary>
    private static ScriptedNetwork WrongPrefix() => With(n =>
    {
        var dev1 = IPAddress.Parse("10.1.1.7");
        var resolution = TimeSpan.FromSeconds(3);
        DateTimeOffset? started = null;
        TimeSpan UntilArpFails()
        {
            var now = n.Time.GetUtcNow();
            if (started is not { } s || now >= s + resolution)
            {
                started = now;
            }

            return started.Value + resolution - now;
        }

        var healthyEcho = n.Echo;
        n.Echo = (a, count) =>
        {
            if (!a.Equals(Web1))
            {
                return healthyEcho(a, count);
            }

            var wait = UntilArpFails();
            return new Scripted<PingOutcome>(new PingOutcome(a, PingResult.Error, wait.TotalMilliseconds, new IcmpReport(dev1, 3, 1)), wait);
        };
        n.Syn = (to, _, _, _) =>
        {
            if (!to.Address.Equals(Web1))
            {
                return null;
            }

            var wait = UntilArpFails();
            return new Scripted<TcpOutcome>(Unreachable(to, dev1, 1, wait.TotalMilliseconds), wait);
        };
    });

    private static ScriptedNetwork RouterSays(int code) => With(n =>
    {
        n.Echo = (a, _) => OnLink(a) ? new PingOutcome(a, PingResult.Reply, 0.1, Ttl: 64) : new PingOutcome(a, PingResult.Error, 0.3, new IcmpReport(Gw, 3, code));
        n.Syn = (to, ttl, _, _) => ttl == 1 ? TimeExceeded(to, Gw) : Unreachable(to, Gw, code);
    });

    private static ScriptedNetwork DnsSays(DnsResult result) => With(n =>
    {
        n.Lookup = name => new SystemLookup(name, [], result == DnsResult.NxDomain ? "name not found" : "temporary failure: no nameserver answered", 1);
        n.Query = (server, name, _) => server.Equals(Ns1) ? Answer(server, name, result) : null;
    });

    /// <summary>Each scenario runs once; the tests read its report.</summary>
    private static readonly ConcurrentDictionary<string, Lazy<Task<(Report Report, IReadOnlyList<string> NotRecorded, ScriptedNetwork Network)>>> Runs = new();

    internal static Task<(Report Report, IReadOnlyList<string> NotRecorded, ScriptedNetwork Network)> RunAsync(string name) =>
        Runs.GetOrAdd(name, n => new Lazy<Task<(Report, IReadOnlyList<string>, ScriptedNetwork)>>(async () =>
        {
            var scenario = Scenarios[n];
            var source = new StrictReplay(Path.Combine(AppContext.BaseDirectory, "Fixtures", "check", scenario.Fixture));
            var network = scenario.Network();
            var target = TargetParser.Parse(scenario.Target).Target!;
            var report = await FakeClock.RunAsync(network.Time, () => ClientCheck.RunAsync(target, Options, source, network.Probes, CancellationToken.None));
            AskedBy[n] = [.. source.Asked];
            return (report, source.NotRecorded.ToList(), network);
        })).Value;

    /// <summary>The commands each scenario's run asked the system for.</summary>
    private static readonly ConcurrentDictionary<string, IReadOnlyList<string>> AskedBy = new();

    public static TheoryData<string> Names => [.. Scenarios.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task A_recorded_system_and_scripted_probes_give_the_faults_verdict(string scenario)
    {
        var (report, notRecorded, _) = await RunAsync(scenario);
        var expected = Scenarios[scenario];

        var codes = report.Checks.Select(c => c.Code.Name).ToList();
        Assert.True(notRecorded.Count == 0, "asked what the real run did not: " + string.Join("; ", notRecorded));
        Assert.Equal(expected.Verdict, report.Verdict.Code.Name);
        Assert.True(expected.Codes.All(codes.Contains), $"checks: {string.Join(' ', codes)}");
    }

    /// <summary>The client side's codes: every code of <see cref="Codes"/> the client assessors can give (the listener, firewall and watch codes are the server end's).</summary>
    private static readonly string[] ClientCodes =
    [
        "link.up", "link.down", "link.not-checked",
        "interface.up", "interface.down", "interface.no-address", "interface.misconfigured", "interface.errors", "interface.wrong-prefix", "interface.mtu-mismatch", "interface.duplicate-address", "interface.neighbour-table-full",
        "local.ok", "local.firewall", "local.route", "local.unknown",
        "gateway.ok", "gateway.on-link", "gateway.missing", "gateway.unreachable", "gateway.not-forwarding", "gateway.duplicate-address", "gateway.not-checked", "gateway.unknown",
        "dns.ok", "dns.not-needed", "dns.no-nameserver", "dns.nameserver-unreachable", "dns.nameserver-down", "dns.search-path",
        "dns.nxdomain", "dns.hosts-override", "dns.servfail", "dns.refused", "dns.config-unreadable", "dns.nsswitch", "dns.slow", "dns.unknown",
        "route.ok", "route.unreachable", "route.host-unreachable", "route.net-unreachable", "route.prohibited", "route.mtu-blackhole", "route.not-checked",
        "port.open", "port.closed", "port.rejected", "port.filtered", "port.no-data", "port.not-checked", "port.unknown",
    ];

    [Fact]
    public void The_client_codes_are_every_code_of_the_client_layers_the_assessors_name()
    {
        // A new client code must get a scenario here: every named code of a client layer is in the list (route.no-return and route.rp-filter are the server end's).
        var named = typeof(Codes).GetFields().Select(f => f.GetValue(null)).OfType<Code>()
            .Where(c => c.Layer is Layer.Link or Layer.Interface or Layer.Local or Layer.Gateway or Layer.Dns or Layer.Route or Layer.Port)
            .Where(c => c != Codes.RouteNoReturn && c != Codes.RouteRpFilter)
            .Select(c => c.Name);

        Assert.Empty(named.Except(ClientCodes));
    }

    [Fact]
    public async Task Every_client_code_comes_out_of_a_replayed_check()
    {
        var seen = new HashSet<string>();
        foreach (var name in Scenarios.Keys)
        {
            var (report, _, _) = await RunAsync(name);
            seen.UnionWith(report.Checks.Select(c => c.Code.Name));
        }

        Assert.True(!ClientCodes.Except(seen).Any(), "no scenario gives: " + string.Join(' ', ClientCodes.Except(seen)));
    }

    [Fact]
    public async Task A_healthy_check_costs_one_echo_and_one_syn_to_the_target_and_no_trace()
    {
        var (_, _, network) = await RunAsync("healthy");

        Assert.Equal(["syn 10.1.2.5:80"], network.SentOf("syn"));
        Assert.Single(network.SentOf("ping"), p => p == "ping 10.1.2.5");
    }

    [Fact]
    public async Task A_healthy_check_reads_no_neighbour_table()
    {
        // The gateway always answers the duplicate-address probe for its own address: that alone is no reason to read the LAN.
        await RunAsync("healthy");

        Assert.DoesNotContain("ip -j neigh show", AskedBy["healthy"]);
    }

    [Fact]
    public async Task A_healthy_check_starts_no_process_for_a_gateway_or_nameserver_that_answered()
    {
        // Each `ip` costs a healthy check more than all its packets: the gateway answered ping, the nameserver DNS.
        await RunAsync("healthy");

        Assert.DoesNotContain(AskedBy["healthy"], c => c.StartsWith("ip -j neigh show 10.1.1.", StringComparison.Ordinal));
        Assert.DoesNotContain(AskedBy["healthy"], c => c.StartsWith("ip -j route get 10.1.1.3", StringComparison.Ordinal));
        Assert.DoesNotContain("ip -j -s ntable show", AskedBy["healthy"]);
    }

    [Fact]
    public async Task The_neighbour_table_is_read_again_only_where_it_is_nearly_full_and_has_refused_entries()
    {
        // web1-drop's table refused entries long ago (table_fulls 5,585,640) but holds 32: one read. neigh-table-full's is full:
        // read, dev1 asks for gw and ns1 again, read again.
        await RunAsync("filtered");
        var (_, _, network) = await RunAsync("neighbour table full");

        Assert.Single(AskedBy["filtered"], c => c == "ip -j -s ntable show");
        Assert.Equal(2, AskedBy["neighbour table full"].Count(c => c == "ip -j -s ntable show"));
        Assert.Contains("ping 10.1.1.1", network.SentOf("ping"));
    }

    [Fact]
    public async Task A_nameserver_that_did_not_answer_is_located_and_its_neighbour_entry_read()
    {
        // dns-first-dead: 10.1.1.4 (nobody) before ns1: the dead one's route and ARP entry are its evidence, ns1 answered.
        await RunAsync("dead first nameserver");

        Assert.Contains("ip -j route get 10.1.1.4", AskedBy["dead first nameserver"]);
        Assert.Contains("ip -j neigh show 10.1.1.4", AskedBy["dead first nameserver"]);
        Assert.DoesNotContain("ip -j route get 10.1.1.3", AskedBy["dead first nameserver"]);
    }

    [Fact]
    public async Task A_literal_address_asks_no_nameserver()
    {
        var (_, _, network) = await RunAsync("literal address");

        Assert.Empty(network.SentOf("query"));
        Assert.Empty(network.SentOf("getaddrinfo"));
    }
}
