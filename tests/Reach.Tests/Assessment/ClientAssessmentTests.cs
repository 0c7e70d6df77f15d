using System.Net;
using Reach.Core.Assessment;
using Reach.Core.Diagnosis;
using Reach.Core.Model;
using Reach.Core.Observations;
using Reach.Core.Targets;
using Xunit;
using static Reach.Tests.Assessment.Observe;

namespace Reach.Tests.Assessment;

/// <summary>The judgement, from hand-built observations: one test per verdict, plus the false blames it must avoid.</summary>
public sealed class ClientAssessmentTests
{
    private static (Verdict Verdict, IReadOnlyList<Code> Problems, IReadOnlyList<Finding> Findings) Judge(ClientObservations o)
    {
        var findings = ClientAssessment.Assess(o);
        var (verdict, problems) = Diagnoser.Diagnose(findings, "ok");
        return (verdict, problems, findings);
    }

    private static Finding Layer(IReadOnlyList<Finding> findings, Layer layer) => findings.Single(f => f.Layer == layer);

    [Fact]
    public void Healthy_path_is_ok_and_every_layer_passes()
    {
        var (verdict, problems, findings) = Judge(Healthy);

        Assert.Equal(Codes.Ok, verdict.Code);
        Assert.Empty(problems);
        Assert.All(findings, f => Assert.Equal(CheckStatus.Pass, f.Status));
        Assert.Equal(["link", "interface", "gateway", "dns", "route", "port"], findings.Select(f => f.Layer.ToString().ToLowerInvariant()));
    }

    [Fact]
    public void No_carrier_is_link_down()
    {
        var o = Healthy with { Interfaces = [Lo, Eth0 with { Carrier = false, OperState = "down" }], TargetPing = Silent(Web1), Connect = Tcp(TcpResult.Silent), Trace = Trace((IPAddress?)null) };

        var (verdict, _, findings) = Judge(o);

        Assert.Equal(Codes.LinkDown, verdict.Code);
        Assert.Contains(Layer(findings, Reach.Core.Model.Layer.Link).Evidence, e => e.Source == "/sys/class/net/eth0/carrier" && e.Detail == "0");
    }

    [Fact]
    public void Admin_down_interface_without_routes_is_interface_down_naming_the_config_file()
    {
        var o = Healthy with
        {
            Interfaces = [Lo, Eth0 with { AdminUp = false, Carrier = null, OperState = "down" }],
            Route = NoRoute, Gateway = null, TargetPing = null, Trace = null, Connect = null,
        };

        var (verdict, _, findings) = Judge(o);

        Assert.Equal(Codes.InterfaceDown, verdict.Code);
        Assert.Contains("/etc/network/interfaces", verdict.Fix.ToString(), StringComparison.Ordinal);
        Assert.Equal(CheckStatus.Skip, Layer(findings, Reach.Core.Model.Layer.Link).Status);
    }

    [Fact]
    public void Up_interface_without_address_is_no_address()
    {
        var o = Healthy with { Interfaces = [Lo, Eth0 with { Addresses = [] }], Route = NoRoute, Gateway = null, TargetPing = null, Trace = null, Connect = null };

        Assert.Equal(Codes.InterfaceNoAddress, Judge(o).Verdict.Code);
    }

    [Fact]
    public void Address_outside_the_gateway_subnet_is_misconfigured()
    {
        var wrong = Eth0 with { Addresses = [new InterfaceAddress(IPAddress.Parse("10.1.3.7"), 24, "global")] };
        var o = Healthy with { Interfaces = [Lo, wrong], TargetPing = Silent(Web1), Connect = Tcp(TcpResult.Silent), Trace = Trace((IPAddress?)null) };

        var (verdict, _, _) = Judge(o);

        Assert.Equal(Codes.InterfaceMisconfigured, verdict.Code);
        Assert.Contains("10.1.3.7/24", verdict.Summary.ToString(), StringComparison.Ordinal);
        Assert.Contains("10.1.1.1", verdict.Summary.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Misconfigured_address_is_found_from_the_default_route_when_dns_failed_first()
    {
        var wrong = Eth0 with { Addresses = [new InterfaceAddress(IPAddress.Parse("10.1.3.7"), 24, "global")] };
        var dns = DnsOk with
        {
            System = new SystemLookup("web1", [], "no answer within 1500 ms", 1500),
            Queries = [new DnsAnswer(Nameserver, "web1.example.net.", DnsResult.Timeout, [], 1500)],
            Nameservers = [new NameserverReach(new PeerProbe(Nameserver, Silent(Nameserver), null), null)],
        };
        var o = NoAddress(dns) with { Interfaces = [Lo, wrong], Routes = [new RouteEntry("default", Gateway, "eth0", "main", ["onlink"])] };

        var (verdict, problems, _) = Judge(o);

        Assert.Equal(Codes.InterfaceMisconfigured, verdict.Code);
        Assert.Contains(Codes.DnsNameserverUnreachable, problems);
    }

    [Fact]
    public void Interface_errors_warn_but_are_not_a_problem()
    {
        var o = Healthy with
        {
            Interfaces = [Lo, Eth0 with { Counters = new InterfaceCounters(12, 0, 0, 0) }],
            InterfacesAfter = [Lo, Eth0 with { Counters = new InterfaceCounters(15, 0, 0, 0) }],
        };

        var (verdict, problems, findings) = Judge(o);

        Assert.Equal(Codes.Ok, verdict.Code);
        Assert.Empty(problems);
        Assert.Equal(CheckStatus.Warn, Layer(findings, Reach.Core.Model.Layer.Interface).Status);
        Assert.Contains("3 receive", Layer(findings, Reach.Core.Model.Layer.Interface).Summary.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Interface_errors_counted_before_the_run_do_not_warn()
    {
        var o = Healthy with
        {
            Interfaces = [Lo, Eth0 with { Counters = new InterfaceCounters(12, 0, 0, 0) }],
            InterfacesAfter = [Lo, Eth0 with { Counters = new InterfaceCounters(12, 0, 0, 0) }],
        };

        var interfaceFinding = Layer(Judge(o).Findings, Reach.Core.Model.Layer.Interface);

        Assert.Equal(CheckStatus.Pass, interfaceFinding.Status);
        Assert.Contains("12 since boot", interfaceFinding.Summary.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void No_route_off_subnet_is_gateway_missing()
    {
        var o = Healthy with { Routes = [new RouteEntry("10.1.1.0/24", null, "eth0", "main", [])], Route = NoRoute, Gateway = null, TargetPing = null, Trace = null, Connect = null };

        var (verdict, _, _) = Judge(o);

        Assert.Equal(Codes.GatewayMissing, verdict.Code);
        Assert.Contains("10.1.1.0/24", verdict.Summary.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Gateway_silent_on_ping_and_arp_is_unreachable_and_a_live_neighbour_blames_the_gateway()
    {
        var gw = new GatewayObservation(new PeerProbe(Gateway, Silent(Gateway), Failed(Gateway)),
            [new PeerProbe(Nameserver, Reply(Nameserver), Reachable(Nameserver))]);
        var o = Healthy with { Gateway = gw, TargetPing = Silent(Web1), Connect = Tcp(TcpResult.Silent), Trace = Trace((IPAddress?)null) };

        var (verdict, problems, _) = Judge(o);

        Assert.Equal(Codes.GatewayUnreachable, verdict.Code);
        Assert.Contains("10.1.1.3", verdict.Summary.ToString(), StringComparison.Ordinal);
        Assert.Contains("gateway is down", verdict.Summary.ToString(), StringComparison.Ordinal);
        Assert.Equal(Codes.GatewayUnreachable, problems[0]);
    }

    [Fact]
    public void A_dead_gateway_of_a_policy_table_names_the_table_and_its_fix_not_the_default_route()
    {
        // `ip rule … ipproto tcp dport 80 lookup 100`: the flow's route comes from table 100 (ip -j route get says so).
        var gw = new GatewayObservation(new PeerProbe(Gateway, Silent(Gateway), Failed(Gateway)),
            [new PeerProbe(Nameserver, Reply(Nameserver), Reachable(Nameserver))]);
        var route = Observe.RouteViaGateway with { Table = "100" };
        var o = Healthy with { Route = route, Gateway = gw, TargetPing = Silent(Web1), Connect = Tcp(TcpResult.Silent), Trace = Trace((IPAddress?)null) };

        var verdict = Judge(o).Verdict;

        Assert.Equal(Codes.GatewayUnreachable, verdict.Code);
        Assert.Contains("of routing table 100, which a policy rule chooses for this flow", verdict.Summary.ToString(), StringComparison.Ordinal);
        Assert.Contains("`ip route replace default via ROUTER table 100`", verdict.Fix.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("fix the default route in", verdict.Fix.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Gateway_silent_with_a_silent_lan_blames_the_link_or_vlan()
    {
        var gw = new GatewayObservation(new PeerProbe(Gateway, Silent(Gateway), Failed(Gateway)),
            [new PeerProbe(Nameserver, Silent(Nameserver), Failed(Nameserver))]);
        var o = Healthy with { Gateway = gw, TargetPing = Silent(Web1), Connect = Tcp(TcpResult.Silent), Trace = Trace((IPAddress?)null) };

        Assert.Contains("VLAN", Judge(o).Verdict.Summary.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Gateway_that_answers_arp_but_ignores_ping_is_not_a_problem()
    {
        var gw = new GatewayObservation(new PeerProbe(Gateway, Silent(Gateway), Reachable(Gateway)), []);

        var (verdict, problems, findings) = Judge(Healthy with { Gateway = gw });

        Assert.Equal(Codes.Ok, verdict.Code);
        Assert.Empty(problems);
        Assert.Contains("ignores ping", Layer(findings, Reach.Core.Model.Layer.Gateway).Summary.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Gateway_with_a_delay_arp_entry_ignoring_ping_and_nothing_through_it_is_inconclusive_not_blamed()
    {
        var delay = new Neighbour(Gateway, "eth0", "02:00:00:00:00:01", ["DELAY"]);
        var gw = new GatewayObservation(new PeerProbe(Gateway, Silent(Gateway), delay), []);
        var o = Healthy with { Gateway = gw, TargetPing = Silent(Web1), Connect = Tcp(TcpResult.Silent), Trace = Trace((IPAddress?)null) };

        var (_, problems, findings) = Judge(o);

        Assert.Equal(CheckStatus.Inconclusive, Layer(findings, Reach.Core.Model.Layer.Gateway).Status);
        Assert.DoesNotContain(Codes.GatewayUnreachable, problems);
    }

    [Fact]
    public void An_answer_from_an_off_link_nameserver_proves_the_gateway_forwards()
    {
        var far = IPAddress.Parse("10.9.9.53");
        var incomplete = new Neighbour(Gateway, "eth0", null, ["INCOMPLETE"]);
        var gw = new GatewayObservation(new PeerProbe(Gateway, Silent(Gateway), incomplete), []);
        var dns = DnsOk with
        {
            System = new SystemLookup("web1", [], "name not found", 1),
            Queries = [new DnsAnswer(far, "web1.example.net.", DnsResult.NxDomain, [], 3)],
        };

        var (verdict, _, findings) = Judge(NoAddress(dns) with { Gateway = gw });

        Assert.Equal(CheckStatus.Pass, Layer(findings, Reach.Core.Model.Layer.Gateway).Status);
        Assert.Equal(Codes.DnsNxdomain, verdict.Code);
    }

    [Fact]
    public void Gateway_that_ignores_ping_but_forwards_is_ok_even_without_fresh_arp()
    {
        var stale = new Neighbour(Gateway, "eth0", "02:00:00:00:00:01", ["STALE"]);
        var gw = new GatewayObservation(new PeerProbe(Gateway, Silent(Gateway), stale), []);

        var (verdict, _, findings) = Judge(Healthy with { Gateway = gw });

        Assert.Equal(Codes.Ok, verdict.Code);
        Assert.Contains("forwards traffic", Layer(findings, Reach.Core.Model.Layer.Gateway).Summary.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Ipv6_link_local_gateway_is_not_a_misconfiguration()
    {
        var v6 = IPAddress.Parse("2001:db8:1::7");
        var router = IPAddress.Parse("fe80::1");
        var eth0 = Eth0 with { Addresses = [new InterfaceAddress(v6, 64, "global")] };
        var target = IPAddress.Parse("2001:db8:2::5");
        var o = Healthy with
        {
            Target = Reach.Core.Targets.TargetParser.Parse("[2001:db8:2::5]:80").Target!, Dns = null, Interfaces = [Lo, eth0], Address = target,
            Route = new RouteDecision(target, router, "eth0", v6, "main", [], null, "2001:db8:2::5 via fe80::1 dev eth0"),
            Gateway = new GatewayObservation(new PeerProbe(router, Reply(router), null), []),
            TargetPing = Reply(target), Trace = null, Connect = new TcpOutcome(new IPEndPoint(target, 80), TcpResult.Open, 1),
        };

        Assert.Equal(Codes.Ok, Judge(o).Verdict.Code);
    }

    [Fact]
    public void Cloud_style_slash_32_with_a_host_route_to_the_gateway_is_not_a_misconfiguration()
    {
        var eth0 = Eth0 with { Addresses = [new InterfaceAddress(IPAddress.Parse("10.1.1.7"), 32, "global")] };
        var o = Healthy with
        {
            Interfaces = [Lo, eth0],
            Routes = [new RouteEntry("default", Gateway, "eth0", "main", []), new RouteEntry("10.1.1.1", null, "eth0", "main", [])],
        };

        Assert.Equal(Codes.Ok, Judge(o).Verdict.Code);
    }

    [Fact]
    public void Ping_refused_by_a_router_while_tcp_connects_is_not_route_prohibited()
    {
        var o = Healthy with { TargetPing = IcmpError(Web1, Gateway, 3, 13) };

        Assert.Equal(Codes.Ok, Judge(o).Verdict.Code);
    }

    [Fact]
    public void Reject_sent_by_this_host_itself_is_not_blamed_on_a_router()
    {
        var o = Healthy with { Connect = Tcp(TcpResult.IcmpError, new IcmpReport(Dev1, 3, 3)) };

        var (_, problems, findings) = Judge(o);

        Assert.Equal(CheckStatus.Skip, Layer(findings, Reach.Core.Model.Layer.Port).Status);
        Assert.Equal("port.not-checked", Layer(findings, Reach.Core.Model.Layer.Port).Code.Name);
        Assert.DoesNotContain(Codes.PortRejected, problems);
    }

    [Fact]
    public void On_link_target_without_an_arp_answer_is_host_unreachable()
    {
        var nameserverRoute = new RouteDecision(Nameserver, null, "eth0", Dev1, "main", [], null, "10.1.1.3 dev eth0 src 10.1.1.7");
        var o = Healthy with
        {
            Target = Reach.Core.Targets.TargetParser.Parse("10.1.1.3:53").Target!, Dns = null, Address = Nameserver, Route = nameserverRoute, Gateway = null,
            TargetPing = Silent(Nameserver), Trace = Trace((IPAddress?)null), Connect = new TcpOutcome(new IPEndPoint(Nameserver, 53), TcpResult.Silent, 1500),
            TargetNeighbour = new Neighbour(Nameserver, "eth0", null, ["INCOMPLETE"]),
        };

        var verdict = Judge(o).Verdict;

        Assert.Equal(Codes.RouteHostUnreachable, verdict.Code);
        Assert.Contains("does not answer ARP", verdict.Summary.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Getaddrinfo_failing_while_every_nameserver_answers_is_inconclusive_not_a_crash()
    {
        var dns = DnsOk with { System = new SystemLookup("web1", [], "no answer within 1500 ms", 1500) };

        var (verdict, _, findings) = Judge(NoAddress(dns));

        Assert.Equal(CheckStatus.Inconclusive, Layer(findings, Reach.Core.Model.Layer.Dns).Status);
        Assert.Equal("dns.unknown", Layer(findings, Reach.Core.Model.Layer.Dns).Code.Name);
        Assert.Equal(Codes.Inconclusive, verdict.Code);
    }

    [Fact]
    public void Nameserver_that_answers_port_unreachable_on_53_is_down_with_proof()
    {
        var closed = new UdpOutcome(new IPEndPoint(Nameserver, 53), UdpResult.IcmpError, 1, new IcmpReport(Nameserver, 3, 3));
        var dns = DnsOk with
        {
            System = new SystemLookup("web1", [], "temporary failure", 1),
            Queries = [new DnsAnswer(Nameserver, "web1.example.net.", DnsResult.Timeout, [], 1500)],
            Nameservers = [new NameserverReach(new PeerProbe(Nameserver, Silent(Nameserver), null), null, closed)],
        };

        var verdict = Judge(NoAddress(dns)).Verdict;

        Assert.Equal(Codes.DnsNameserverDown, verdict.Code);
        Assert.Contains("nothing listens on its port 53", verdict.Summary.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_resolv_conf_is_no_nameserver()
    {
        var dns = DnsOk with { Resolver = Resolver with { Nameservers = [] }, System = new SystemLookup("web1", [], "name not found", 1), Queries = [], Nameservers = [] };

        Assert.Equal(Codes.DnsNoNameserver, Judge(NoAddress(dns)).Verdict.Code);
    }

    [Fact]
    public void Silent_nameserver_on_this_subnet_without_arp_is_unreachable()
    {
        var absent = IPAddress.Parse("10.1.1.4");
        var dns = DnsOk with
        {
            Resolver = Resolver with { Nameservers = [absent] },
            System = new SystemLookup("web1", [], "no answer within 1500 ms", 1500),
            Queries = [new DnsAnswer(absent, "web1.example.net.", DnsResult.Timeout, [], 1500)],
            Nameservers = [new NameserverReach(new PeerProbe(absent, Silent(absent), Failed(absent)), new RouteDecision(absent, null, "eth0", Dev1, "main", [], null, "10.1.1.4 dev eth0"))],
        };

        var verdict = Judge(NoAddress(dns)).Verdict;

        Assert.Equal(Codes.DnsNameserverUnreachable, verdict.Code);
        Assert.Contains("on this subnet", verdict.Summary.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Nameserver_host_up_but_silent_on_53_is_nameserver_down()
    {
        var dns = DnsOk with
        {
            System = new SystemLookup("web1", [], "temporary failure: no nameserver answered", 10),
            Queries = [new DnsAnswer(Nameserver, "web1.example.net.", DnsResult.Timeout, [], 1500)],
        };

        var verdict = Judge(NoAddress(dns)).Verdict;

        Assert.Equal(Codes.DnsNameserverDown, verdict.Code);
        Assert.Contains("port 53", verdict.Summary.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Short_name_found_only_in_a_guessed_domain_is_search_path()
    {
        var dns = DnsOk with
        {
            Resolver = Resolver with { Search = [] },
            System = new SystemLookup("web1", [], "name not found", 1),
            Queries = [new DnsAnswer(Nameserver, "web1.", DnsResult.NxDomain, [], 1)],
            GuessedQueries = [new DnsAnswer(Nameserver, "web1.example.net.", DnsResult.Answer, ["10.1.2.5"], 1)],
        };

        var verdict = Judge(Healthy with { Dns = dns }).Verdict;

        Assert.Equal(Codes.DnsSearchPath, verdict.Code);
        Assert.Contains("search example.net", verdict.Fix.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Name_missing_from_the_zone_is_nxdomain()
    {
        var dns = DnsOk with
        {
            System = new SystemLookup("web1", [], "name not found", 1),
            Queries = [new DnsAnswer(Nameserver, "web1.example.net.", DnsResult.NxDomain, [], 1), new DnsAnswer(Nameserver, "web1.", DnsResult.NxDomain, [], 1)],
        };

        var verdict = Judge(NoAddress(dns)).Verdict;

        Assert.Equal(Codes.DnsNxdomain, verdict.Code);
        Assert.Contains("web1.example.net", verdict.Summary.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DnsResult.ServFail, "dns.servfail")]
    [InlineData(DnsResult.Refused, "dns.refused")]
    public void Servfail_and_refused_are_reported_as_what_they_are(DnsResult result, string code)
    {
        var dns = DnsOk with { System = new SystemLookup("web1", [], "temporary failure", 1), Queries = [new DnsAnswer(Nameserver, "web1.example.net.", result, [], 1)] };

        Assert.Equal(code, Judge(NoAddress(dns)).Verdict.Code.Name);
    }

    [Fact]
    public void Refused_for_a_dotted_name_outweighs_nxdomain_for_its_searched_variant()
    {
        var dns = DnsOk with
        {
            System = new SystemLookup("www.other.org", [], "name not found", 1),
            Queries = [new DnsAnswer(Nameserver, "www.other.org.", DnsResult.Refused, [], 1), new DnsAnswer(Nameserver, "www.other.org.example.net.", DnsResult.NxDomain, [], 1)],
        };
        var o = NoAddress(dns) with { Target = TargetParser.Parse("www.other.org:80").Target! };

        Assert.Equal(Codes.DnsRefused, Judge(o).Verdict.Code);
    }

    [Fact]
    public void Stale_hosts_line_that_fails_while_dns_address_works_is_hosts_override()
    {
        var stale = IPAddress.Parse("10.1.2.99");
        var dns = DnsOk with
        {
            HostsMatches = [new HostsEntry(stale, ["web1.example.net", "web1"])],
            System = new SystemLookup("web1", [stale], null, 1),
            DnsConnect = Open,
        };
        var o = Healthy with
        {
            Dns = dns, Address = stale, TargetPing = IcmpError(stale, Gateway, 3, 1),
            Connect = new TcpOutcome(new IPEndPoint(stale, 80), TcpResult.IcmpError, 600, new IcmpReport(Gateway, 3, 1)), Trace = Trace(Gateway),
        };

        var (verdict, problems, _) = Judge(o);

        Assert.Equal(Codes.DnsHostsOverride, verdict.Code);
        Assert.Contains("10.1.2.99", verdict.Summary.ToString(), StringComparison.Ordinal);
        Assert.Contains(Codes.RouteHostUnreachable, problems);
    }

    [Fact]
    public void Host_unreachable_from_the_gateway_is_route_host_unreachable_naming_the_sender()
    {
        var icmp = new IcmpReport(Gateway, 3, 1);
        var o = Healthy with { TargetPing = IcmpError(Web1, Gateway, 3, 1), Connect = Tcp(TcpResult.IcmpError, icmp), Trace = Trace(Gateway, null) };

        var (verdict, problems, findings) = Judge(o);

        Assert.Equal(Codes.RouteHostUnreachable, verdict.Code);
        Assert.Contains("10.1.1.1", verdict.Summary.ToString(), StringComparison.Ordinal);
        Assert.Contains("!H", verdict.Summary.ToString(), StringComparison.Ordinal);
        Assert.Equal([Codes.RouteHostUnreachable], problems);
        Assert.Equal(CheckStatus.Skip, Layer(findings, Reach.Core.Model.Layer.Port).Status);
    }

    [Fact]
    public void Net_unreachable_is_route_net_unreachable()
    {
        var icmp = new IcmpReport(Gateway, 3, 0);
        var o = Healthy with { TargetPing = IcmpError(Web1, Gateway, 3, 0), Connect = Tcp(TcpResult.IcmpError, icmp), Trace = Trace(Gateway, null) };

        Assert.Equal(Codes.RouteNetUnreachable, Judge(o).Verdict.Code);
    }

    [Fact]
    public void Admin_prohibited_from_a_router_while_the_target_pings_is_route_prohibited()
    {
        var icmp = new IcmpReport(Gateway, 3, 13);
        var o = Healthy with { Connect = Tcp(TcpResult.IcmpError, icmp), Trace = Trace(Gateway, null) };

        var (verdict, problems, _) = Judge(o);

        Assert.Equal(Codes.RouteProhibited, verdict.Code);
        Assert.Contains("router 10.1.1.1", verdict.Summary.ToString(), StringComparison.Ordinal);
        Assert.Equal([Codes.RouteProhibited], problems);
        // The proof to run on that router: its FORWARD rules traced for this very flow, not a listener of its own.
        Assert.Contains("On router 10.1.1.1", verdict.Fix.ToString(), StringComparison.Ordinal);
        Assert.Contains("`reach local 80 --from 10.1.1.7 --to 10.1.2.5`", verdict.Fix.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_syn_beside_the_target_that_met_silence_too_names_the_gateway_as_forwarding_nothing()
    {
        var beside = new TcpOutcome(new IPEndPoint(IPAddress.Parse("10.1.2.133"), 80), TcpResult.Silent, 3500);
        var o = Healthy with { TargetPing = Silent(Web1), Connect = Tcp(TcpResult.Silent), Trace = Trace(Gateway, null), Forwarding = new RouterForwarding(Gateway, beside) };

        var verdict = Judge(o).Verdict;

        Assert.Equal(Codes.RouteUnreachable, verdict.Code);
        Assert.Contains("after hop 1 (10.1.1.1), which forwards nothing towards it", verdict.Summary.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_syn_beside_the_target_that_met_this_hosts_own_address_proves_nothing_about_the_router()
    {
        // The address beside the target is this host's own (10.1.1.7): its RST came from here, not from beyond the gateway.
        var own = new TcpOutcome(new IPEndPoint(IPAddress.Parse("10.1.1.7"), 80), TcpResult.Reset, 0.1);
        var o = Healthy with { TargetPing = Silent(Web1), Connect = Tcp(TcpResult.Silent), Trace = Trace(Gateway, null), Forwarding = new RouterForwarding(Gateway, own) };

        var summary = Judge(o).Verdict.Summary.ToString();

        Assert.Contains("silence after hop 1 (10.1.1.1)", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("forward", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Silence_after_the_gateway_is_route_unreachable_naming_the_last_hop()
    {
        var o = Healthy with { TargetPing = Silent(Web1), Connect = Tcp(TcpResult.Silent), Trace = Trace(Gateway, null) };

        var verdict = Judge(o).Verdict;

        Assert.Equal(Codes.RouteUnreachable, verdict.Code);
        Assert.Contains("after hop 1 (10.1.1.1)", verdict.Summary.ToString(), StringComparison.Ordinal);
        // Both ends of the silence get the command that proves it: the last router, and the target asked from here.
        Assert.Contains("On 10.1.1.1, `reach local 80 --from 10.1.1.7 --to 10.1.2.5`", verdict.Fix.ToString(), StringComparison.Ordinal);
        Assert.Contains("`reach check 10.1.2.5:80 --server ssh://10.1.2.5`", verdict.Fix.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_answer_from_the_target_outweighs_silent_hops()
    {
        var o = Healthy with { Connect = Tcp(TcpResult.Silent), Trace = Trace(null, null) };

        var (verdict, _, findings) = Judge(o);

        Assert.Equal(CheckStatus.Pass, Layer(findings, Reach.Core.Model.Layer.Route).Status);
        Assert.Equal(Codes.PortFiltered, verdict.Code);
    }

    [Fact]
    public void Rst_is_port_closed()
    {
        Assert.Equal(Codes.PortClosed, Judge(Healthy with { Connect = Tcp(TcpResult.Reset) }).Verdict.Code);
    }

    [Fact]
    public void Port_unreachable_from_the_target_is_port_rejected_by_the_target()
    {
        var verdict = Judge(Healthy with { Connect = Tcp(TcpResult.IcmpError, new IcmpReport(Web1, 3, 3)) }).Verdict;

        Assert.Equal(Codes.PortRejected, verdict.Code);
        Assert.Contains("10.1.2.5 itself", verdict.Summary.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Port_unreachable_from_a_router_is_port_rejected_by_that_router()
    {
        var verdict = Judge(Healthy with { Connect = Tcp(TcpResult.IcmpError, new IcmpReport(Gateway, 3, 3)) }).Verdict;

        Assert.Equal(Codes.PortRejected, verdict.Code);
        Assert.Contains("router 10.1.1.1", verdict.Summary.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Host_unreachable_sent_by_the_target_itself_is_a_reject_rule_there()
    {
        var verdict = Judge(Healthy with { Connect = Tcp(TcpResult.IcmpError, new IcmpReport(Web1, 3, 10)) }).Verdict;

        Assert.Equal(Codes.PortRejected, verdict.Code);
        Assert.Contains("10.1.2.5 itself", verdict.Summary.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void On_link_target_whose_arp_entry_is_only_delayed_is_not_blamed_as_down()
    {
        var nameserverRoute = new RouteDecision(Nameserver, null, "eth0", Dev1, "main", [], null, "10.1.1.3 dev eth0 src 10.1.1.7");
        var o = Healthy with
        {
            Target = Reach.Core.Targets.TargetParser.Parse("10.1.1.3:53").Target!, Dns = null, Address = Nameserver, Route = nameserverRoute, Gateway = null,
            TargetPing = Silent(Nameserver), Trace = Trace((IPAddress?)null), Connect = new TcpOutcome(new IPEndPoint(Nameserver, 53), TcpResult.Silent, 1500),
            TargetNeighbour = new Neighbour(Nameserver, "eth0", "02:00:00:00:00:03", ["DELAY"]),
        };

        Assert.NotEqual(Codes.RouteHostUnreachable, Judge(o).Verdict.Code);
    }

    [Fact]
    public void Silence_to_the_syn_while_ping_answers_is_port_filtered()
    {
        Assert.Equal(Codes.PortFiltered, Judge(Healthy with { Connect = Tcp(TcpResult.Silent) }).Verdict.Code);
    }

    [Fact]
    public void Address_targets_skip_dns()
    {
        var o = Healthy with { Target = TargetParser.Parse("10.1.2.5:80").Target!, Dns = null };

        var (verdict, _, findings) = Judge(o);

        Assert.Equal(Codes.Ok, verdict.Code);
        Assert.Equal(CheckStatus.Skip, Layer(findings, Reach.Core.Model.Layer.Dns).Status);
    }

    [Fact]
    public void Lowest_failing_layer_wins_and_every_failure_is_listed()
    {
        var gw = new GatewayObservation(new PeerProbe(Gateway, Silent(Gateway), Failed(Gateway)), []);
        var dns = DnsOk with { System = new SystemLookup("web1", [], "name not found", 1), Queries = [new DnsAnswer(Nameserver, "web1.example.net.", DnsResult.NxDomain, [], 1)] };
        var o = NoAddress(dns) with { Gateway = gw, Route = null };

        var (verdict, problems, _) = Judge(o);

        Assert.Equal(Codes.GatewayUnreachable, verdict.Code);
        Assert.Equal([Codes.GatewayUnreachable, Codes.DnsNxdomain], problems);
    }

    private static ClientObservations NoAddress(DnsObservation dns) =>
        Healthy with { Dns = dns, Address = null, Route = null, TargetPing = null, Trace = null, Connect = null };
}
