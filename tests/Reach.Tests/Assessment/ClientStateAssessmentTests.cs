using System.Net;
using Reach.Core.Assessment;
using Reach.Core.Diagnosis;
using Reach.Core.Model;
using Reach.Core.Observations;
using Reach.Core.Text;
using Xunit;
using static Reach.Tests.Assessment.Observe;

namespace Reach.Tests.Assessment;

/// <summary>
/// Issue 15's client side: a handshake is no proof that data crosses, and a warning that costs the user
/// time (a dead first nameserver) is a problem even when everything works.
/// </summary>
public sealed class ClientStateAssessmentTests
{
    private static readonly IPAddress DeadNameserver = IPAddress.Parse("10.1.1.4");

    private static (Verdict Verdict, IReadOnlyList<Code> Problems, IReadOnlyList<Finding> Findings) Judge(ClientObservations o)
    {
        var findings = ClientAssessment.Assess(o);
        var (verdict, problems) = Diagnoser.Diagnose(findings, Message.Of("verdict.ok.check", ("host", "web1"), ("port", "80")));
        return (verdict, problems, findings);
    }

    private static Finding Port(IReadOnlyList<Finding> findings) => findings.Single(f => f.Layer == Layer.Port);

    private static DataExchange Exchange(DataResult result, string? answer = null) =>
        new("http", result, "HEAD / HTTP/1.0", answer, result == DataResult.Nothing ? 600 : 1)
        {
            BytesSent = 20,
            BytesAcked = result == DataResult.Nothing ? 0 : 19,
            Unacked = result == DataResult.Nothing ? 1 : 0,
            Retransmits = result == DataResult.Nothing ? 3 : 0,
            SynAckRepeats = result == DataResult.Nothing ? 1 : 0,
        };

    [Fact]
    public void A_handshake_after_which_nothing_crosses_is_port_no_data()
    {
        var (verdict, problems, findings) = Judge(Healthy with { Data = Exchange(DataResult.Nothing) });

        Assert.Equal(Codes.PortNoData, verdict.Code);
        Assert.Equal([Codes.PortNoData], problems);
        Assert.Contains("no data crosses", Catalog.English.Format(verdict.Summary), StringComparison.Ordinal);
        Assert.Contains("SYN-ACK again", Catalog.English.Format(verdict.Summary), StringComparison.Ordinal);
        Assert.Contains("ctstate INVALID", Catalog.English.Format(verdict.Fix), StringComparison.Ordinal);
        Assert.Contains(Port(findings).Evidence, e => e.Source == "http after the handshake" && e.Detail.Contains("nothing crossed", StringComparison.Ordinal));
    }

    [Fact]
    public void An_answer_after_the_handshake_is_open_and_quoted()
    {
        var (verdict, _, findings) = Judge(Healthy with { Data = Exchange(DataResult.Answered, "HTTP/1.0 200 OK") });

        Assert.Equal(Codes.Ok, verdict.Code);
        Assert.Equal(Codes.PortOpen, Port(findings).Code);
        Assert.Contains("HTTP/1.0 200 OK", Catalog.English.Format(Port(findings).Summary), StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_acknowledged_without_a_protocol_answer_are_not_a_problem()
    {
        var (verdict, _, findings) = Judge(Healthy with { Data = Exchange(DataResult.Acknowledged) });

        Assert.Equal(Codes.Ok, verdict.Code);
        Assert.Contains("data crosses", Catalog.English.Format(Port(findings).Summary), StringComparison.Ordinal);
    }

    [Fact]
    public void A_question_that_could_not_be_asked_proves_nothing_either_way()
    {
        var (verdict, _, _) = Judge(Healthy with { Data = new DataExchange("unknown", DataResult.NotAsked, "a FIN", null, 0) { Detail = "TCP_INFO could not be read" } });

        Assert.Equal(Codes.Ok, verdict.Code);
    }

    private static DnsObservation FirstNameserverDead(bool resolved) => DnsOk with
    {
        Resolver = Resolver with { Nameservers = [DeadNameserver, Nameserver] },
        System = resolved ? new SystemLookup("web1", [Web1], null, 1236) : new SystemLookup("web1", [], "no answer within 1500 ms", 1500),
        Queries =
        [
            new DnsAnswer(DeadNameserver, "web1.example.net.", DnsResult.Timeout, [], 1508),
            new DnsAnswer(DeadNameserver, "web1.", DnsResult.Timeout, [], 1507),
            new DnsAnswer(Nameserver, "web1.example.net.", DnsResult.Answer, ["10.1.2.5"], 0.4),
            new DnsAnswer(Nameserver, "web1.", DnsResult.NxDomain, [], 0.4),
        ],
        Nameservers =
        [
            new NameserverReach(new PeerProbe(DeadNameserver, Silent(DeadNameserver), Failed(DeadNameserver)), new RouteDecision(DeadNameserver, null, "eth0", Dev1, "main", [], null, "10.1.1.4 dev eth0")),
            new NameserverReach(new PeerProbe(Nameserver, Reply(Nameserver), Reachable(Nameserver)), new RouteDecision(Nameserver, null, "eth0", Dev1, "main", [], null, "10.1.1.3 dev eth0")),
        ],
    };

    [Theory]
    [InlineData(true, "getaddrinfo took 1236.0 ms")]
    [InlineData(false, "getaddrinfo had no answer after 1500 ms")]
    public void A_dead_first_nameserver_is_dns_slow_in_problems_while_the_verdict_stays_ok(bool resolved, string measured)
    {
        var (verdict, problems, findings) = Judge(Healthy with { Dns = FirstNameserverDead(resolved) });

        var dns = findings.Single(f => f.Layer == Layer.Dns);
        Assert.Equal(Codes.Ok, verdict.Code);
        Assert.Equal([Codes.DnsSlow], problems);
        Assert.Equal(CheckStatus.Warn, dns.Status);
        Assert.Equal(Codes.DnsSlow, dns.Code);
        Assert.Contains("10.1.1.4", Catalog.English.Format(dns.Summary), StringComparison.Ordinal);
        Assert.Contains(measured, Catalog.English.Format(dns.Summary), StringComparison.Ordinal);
        Assert.Contains("10.1.1.4", Catalog.English.Format(dns.Fix!), StringComparison.Ordinal);

        // The ok verdict says it is slow and gives the warning's fix, not "Nothing to fix".
        Assert.Contains("slowly (dns.slow)", Catalog.English.Format(verdict.Summary), StringComparison.Ordinal);
        Assert.Equal(dns.Fix, verdict.Fix);
    }

    [Fact]
    public void A_dead_first_nameserver_is_listed_beside_the_failing_verdict()
    {
        var (verdict, problems, _) = Judge(Healthy with { Dns = FirstNameserverDead(true), Connect = Tcp(TcpResult.Reset) });

        Assert.Equal(Codes.PortClosed, verdict.Code);
        Assert.Equal([Codes.PortClosed, Codes.DnsSlow], problems);
    }

    [Fact]
    public void A_first_nameserver_that_answers_is_not_slow()
    {
        var (verdict, problems, _) = Judge(Healthy);

        Assert.Equal(Codes.Ok, verdict.Code);
        Assert.Empty(problems);
        Assert.DoesNotContain("slowly", Catalog.English.Format(verdict.Summary), StringComparison.Ordinal);
    }

    private static ClientObservations ForwardsNothing(TcpOutcome? firstHopAgain) => Healthy with
    {
        TargetPing = Silent(Web1),
        Connect = Tcp(TcpResult.Silent),
        Trace = Trace((IPAddress?)null),
        FirstHopAgain = firstHopAgain,
    };

    [Fact]
    public void A_gateway_that_answers_ping_and_stays_silent_to_ttl_1_twice_is_not_forwarding()
    {
        var (verdict, problems, findings) = Judge(ForwardsNothing(new TcpOutcome(Web1Http, TcpResult.Silent, 300)));

        Assert.Equal(Codes.GatewayNotForwarding, verdict.Code);
        Assert.Equal([Codes.GatewayNotForwarding], problems);
        Assert.Contains("10.1.1.1", Catalog.English.Format(verdict.Summary), StringComparison.Ordinal);
        Assert.Contains("net.ipv4.ip_forward", Catalog.English.Format(verdict.Fix), StringComparison.Ordinal);
        Assert.Contains(findings.Single(f => f.Layer == Layer.Gateway).Evidence, e => e.Source == "TTL 1 again");
        Assert.Equal(CheckStatus.Skip, findings.Single(f => f.Layer == Layer.Route).Status);
    }

    [Fact]
    public void A_time_exceeded_on_the_second_ask_means_the_rate_limit_swallowed_the_first_and_the_gateway_forwards()
    {
        var (verdict, _, _) = Judge(ForwardsNothing(new TcpOutcome(Web1Http, TcpResult.IcmpError, 0.3, new IcmpReport(Gateway, 11, 0))));

        Assert.NotEqual(Codes.GatewayNotForwarding, verdict.Code);
        Assert.Equal(Codes.RouteUnreachable, verdict.Code);
    }

    [Fact]
    public void A_first_hop_never_asked_again_blames_no_gateway()
    {
        var (verdict, _, _) = Judge(ForwardsNothing(null));

        Assert.NotEqual(Codes.GatewayNotForwarding, verdict.Code);
    }

    [Fact]
    public void A_gateway_whose_forward_chain_drops_still_sends_time_exceeded_and_is_not_blamed()
    {
        // gw-forward-drop: hop 1 answers (ip_forward checks the TTL before the FORWARD hook).
        var (verdict, _, _) = Judge(Healthy with { TargetPing = Silent(Web1), Connect = Tcp(TcpResult.Silent), Trace = Trace(Gateway, null) });

        Assert.Equal(Codes.RouteUnreachable, verdict.Code);
    }

    private static ClientObservations WidePrefix(params Neighbour[] lan) => Healthy with
    {
        Interfaces = [Lo, Eth0 with { Addresses = [new InterfaceAddress(Dev1, 16, "global")] }],
        Routes = [new RouteEntry("default", Gateway, "eth0", "main", []), new RouteEntry("10.1.0.0/16", null, "eth0", "main", [])],
        Route = new RouteDecision(Web1, null, "eth0", Dev1, "main", [], null, "10.1.2.5 dev eth0 src 10.1.1.7"),
        TargetPing = IcmpError(Web1, Dev1, 3, 1),
        Connect = Tcp(TcpResult.IcmpError, new IcmpReport(Dev1, 3, 1)),
        Trace = null,
        TargetNeighbour = Failed(Web1),
        LanNeighbours = lan,
    };

    [Fact]
    public void An_on_link_target_whose_arp_fails_while_gateway_and_neighbours_sit_in_a_narrower_prefix_is_wrong_prefix()
    {
        var (verdict, problems, _) = Judge(WidePrefix(Reachable(Gateway), Reachable(Nameserver), Failed(Web1)));

        Assert.Equal(Codes.InterfaceWrongPrefix, verdict.Code);
        Assert.Equal([Codes.InterfaceWrongPrefix], problems);
        Assert.Contains("10.1.1.7/16", Catalog.English.Format(verdict.Summary), StringComparison.Ordinal);
        Assert.Contains("10.1.1.0/24", Catalog.English.Format(verdict.Summary), StringComparison.Ordinal);
        Assert.Contains("ip addr replace 10.1.1.7/24 dev eth0", Catalog.English.Format(verdict.Fix), StringComparison.Ordinal);
    }

    [Fact]
    public void The_gateway_alone_does_not_tell_where_the_lan_ends()
    {
        var (verdict, _, _) = Judge(WidePrefix(Reachable(Gateway)));

        Assert.NotEqual(Codes.InterfaceWrongPrefix, verdict.Code);
        Assert.Equal(Codes.RouteHostUnreachable, verdict.Code);
    }

    [Fact]
    public void A_neighbour_beside_the_target_means_the_wide_prefix_may_be_right_and_the_host_down()
    {
        // 10.1.2.9 answers on this link: the LAN really spans 10.1.0.0/16 and 10.1.2.5 is just dead.
        var (verdict, _, _) = Judge(WidePrefix(Reachable(Gateway), Reachable(Nameserver), Reachable(IPAddress.Parse("10.1.2.9"))));

        Assert.NotEqual(Codes.InterfaceWrongPrefix, verdict.Code);
    }

    [Theory]
    [InlineData(new[] { "10.1.1.7", "10.1.1.1", "10.1.1.3" }, 29)]
    [InlineData(new[] { "10.1.1.7", "10.1.1.7" }, 32)]
    [InlineData(new[] { "2001:db8:1:1::7", "2001:db8:1:1::1" }, 125)]
    public void The_common_prefix_of_the_hosts_seen(string[] addresses, int length)
    {
        Assert.Equal(length, Reach.Core.Decisions.LanPrefix.CommonLength(addresses.Select(IPAddress.Parse).ToList()));
    }

    [Fact]
    public void The_suggested_prefix_is_octet_aligned_and_leaves_the_target_out()
    {
        Assert.Equal(24, Reach.Core.Decisions.LanPrefix.Suggest(Dev1, 16, 29, Web1));
        Assert.Null(Reach.Core.Decisions.LanPrefix.Suggest(Dev1, 16, 16, Web1));
        Assert.Null(Reach.Core.Decisions.LanPrefix.Suggest(Dev1, 16, 29, IPAddress.Parse("10.1.1.200")));
    }

    [Fact]
    public void A_name_with_only_an_ipv6_address_and_no_ipv6_default_route_says_ipv6()
    {
        var v6 = IPAddress.Parse("2001:db8:1:2::5");
        var o = Healthy with
        {
            Target = Reach.Core.Targets.TargetParser.Parse("web1-v6:80").Target!,
            Address = v6,
            Interfaces = [Lo, Eth0 with { Addresses = [new InterfaceAddress(Dev1, 24, "global"), new InterfaceAddress(IPAddress.Parse("2001:db8:1:1::7"), 64, "global")] }],
            Route = new RouteDecision(v6, null, null, null, null, [], "Network is unreachable", "RTNETLINK answers: Network is unreachable"),
            Dns = DnsOk with { System = new SystemLookup("web1-v6", [v6], null, 1) },
            Gateway = null, TargetPing = null, Trace = null, Connect = null,
        };

        var (verdict, _, _) = Judge(o);

        Assert.Equal(Codes.GatewayMissing, verdict.Code);
        Assert.Contains("no IPv6 route to 2001:db8:1:2::5", Catalog.English.Format(verdict.Summary), StringComparison.Ordinal);
        Assert.Contains("web1-v6 has only IPv6 addresses", Catalog.English.Format(verdict.Summary), StringComparison.Ordinal);
        Assert.Contains("no IPv6 default route (the IPv4 default route does not carry IPv6)", Catalog.English.Format(verdict.Summary), StringComparison.Ordinal);
        Assert.Contains("ip -6 route add default", Catalog.English.Format(verdict.Fix), StringComparison.Ordinal);
    }

    [Fact]
    public void Icmpv6_code_3_is_address_unreachable_not_host_unreachable()
    {
        var report = new IcmpReport(IPAddress.Parse("2001:db8:1:1::1"), 1, 3);

        Assert.True(report.IsHostUnreachable);
        Assert.Equal("ICMPv6 address-unreachable (1/3) from 2001:db8:1:1::1", report.Describe());
        Assert.Equal("ICMP host-unreachable (3/1) from 10.1.1.1", new IcmpReport(Gateway, 3, 1).Describe());
    }

    private const string HostsDenied = "/etc/hosts exists but user nobody cannot read it (Permission denied)";

    [Fact]
    public void An_unreadable_hosts_file_is_said_as_unreadable_when_dns_gives_the_name()
    {
        var (verdict, problems, findings) = Judge(Healthy with { Dns = DnsOk with { HostsUnreadable = HostsDenied } });

        var dns = findings.Single(f => f.Layer == Layer.Dns);
        Assert.Equal(Codes.Ok, verdict.Code);
        Assert.Empty(problems);
        Assert.Equal(CheckStatus.Warn, dns.Status);
        Assert.Equal(Codes.DnsConfigUnreadable, dns.Code);
        Assert.Contains("cannot read it (Permission denied)", Catalog.English.Format(dns.Summary), StringComparison.Ordinal);
        Assert.Contains(dns.Evidence, e => e.Source == "/etc/hosts" && e.Detail == HostsDenied);
    }

    [Fact]
    public void An_unreadable_hosts_file_with_a_name_dns_does_not_know_fails_naming_the_file()
    {
        var nx = DnsOk with
        {
            HostsUnreadable = HostsDenied,
            System = new SystemLookup("web1", [], "Name or service not known", 1),
            Queries = [new DnsAnswer(Nameserver, "web1.example.net.", DnsResult.NxDomain, [], 1), new DnsAnswer(Nameserver, "web1.", DnsResult.NxDomain, [], 1)],
        };

        var (verdict, _, _) = Judge(Healthy with { Dns = nx, Address = null, Route = null, TargetPing = null, Trace = null, Connect = null });

        Assert.Equal(Codes.DnsConfigUnreadable, verdict.Code);
        Assert.Contains("/etc/hosts exists but user nobody cannot read it", Catalog.English.Format(verdict.Summary), StringComparison.Ordinal);
        Assert.Contains("NXDOMAIN", Catalog.English.Format(verdict.Summary), StringComparison.Ordinal);
        Assert.Contains("chmod 644 /etc/hosts", Catalog.English.Format(verdict.Fix), StringComparison.Ordinal);
    }
}
