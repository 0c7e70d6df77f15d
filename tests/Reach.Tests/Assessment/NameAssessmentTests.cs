using System.Net;
using Reach.Core.Assessment;
using Reach.Core.Diagnosis;
using Reach.Core.Model;
using Reach.Core.Observations;
using Reach.Core.Targets;
using Reach.Core.Text;
using Reach.Engine;
using Xunit;
using static Reach.Tests.Assessment.Observe;

namespace Reach.Tests.Assessment;

/// <summary>Issue 7's judgements: search domains whatever the bare name gets, rooted names, nsswitch, local stubs, several addresses.</summary>
public sealed class NameAssessmentTests
{
    private static Verdict Judge(ClientObservations o) => Diagnoser.Diagnose(ClientAssessment.Assess(o), "ok").Verdict;

    private static ClientObservations NoAddress(DnsObservation dns) =>
        Healthy with { Dns = dns, Address = null, Route = null, TargetPing = null, Trace = null, Connect = null };

    private static readonly IPAddress Loopback = IPAddress.Loopback;
    private static readonly IPAddress DeadUpstream = IPAddress.Parse("10.1.1.4");
    private static readonly string[] FourV6TwoV4 = ["2001:db8::1", "2001:db8::2", "2001:db8::3", "2001:db8::4", "10.0.0.1", "10.0.0.2"];

    [Theory]
    [InlineData(DnsResult.NxDomain)]
    [InlineData(DnsResult.Refused)]
    [InlineData(DnsResult.ServFail)]
    public void Wrong_search_domain_is_search_path_whatever_the_bare_name_gets(DnsResult bare)
    {
        var dns = DnsOk with
        {
            Resolver = Resolver with { Search = ["other.test"] },
            System = new SystemLookup("web1", [], "name not found", 1),
            Queries = [new DnsAnswer(Nameserver, "web1.other.test.", DnsResult.Refused, [], 1), new DnsAnswer(Nameserver, "web1.", bare, [], 1)],
            GuessedQueries = [new DnsAnswer(Nameserver, "web1.example.net.", DnsResult.Answer, ["10.1.2.5"], 1)],
            GuessedFrom = new Dictionary<string, string> { ["example.net"] = "the nameserver's own name (PTR of 10.1.1.3)" },
        };

        var verdict = Judge(NoAddress(dns));

        Assert.Equal(Codes.DnsSearchPath, verdict.Code);
        Assert.Contains("the wrong domain", verdict.Summary.ToString(), StringComparison.Ordinal);
        Assert.Contains("PTR of 10.1.1.3", verdict.Summary.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Rooted_name_is_nxdomain_even_when_the_search_list_would_complete_it()
    {
        var dns = DnsOk with
        {
            System = new SystemLookup("web1.", [], "name not found", 1),
            Queries = [new DnsAnswer(Nameserver, "web1.", DnsResult.NxDomain, [], 1)],
            Rooted = true,
        };

        var verdict = Judge(NoAddress(dns) with { Target = TargetParser.Parse("web1.:80").Target! });

        Assert.Equal(Codes.DnsNxdomain, verdict.Code);
        Assert.Contains("rooted", verdict.Summary.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Unreadable_resolv_conf_is_config_unreadable_never_no_nameserver()
    {
        var dns = DnsOk with
        {
            Resolver = new ResolverConfig([], [], null, 1, "/etc/resolv.conf", "/etc/resolv.conf exists but user nobody cannot read it (Permission denied)"),
            System = new SystemLookup("web1", [], "temporary failure", 1),
            Queries = [],
            Nameservers = [],
        };

        var verdict = Judge(NoAddress(dns));

        Assert.Equal(Codes.DnsConfigUnreadable, verdict.Code);
        Assert.Contains("chmod 644", verdict.Fix.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Nameservers_answer_but_nsswitch_never_asks_dns()
    {
        var dns = DnsOk with
        {
            System = new SystemLookup("web1", [], "name not found", 1),
            Nsswitch = new NsswitchHosts([new NsswitchSource("files", [])], "/etc/nsswitch.conf", true),
        };

        var verdict = Judge(NoAddress(dns));

        Assert.Equal(Codes.DnsNsswitch, verdict.Code);
        Assert.Contains("hosts: files", verdict.Summary.ToString(), StringComparison.Ordinal);
    }

    /// <summary>resolv.conf names systemd-resolved's stub, and nothing listens on it.</summary>
    private static DnsObservation ResolvedStubDown()
    {
        var stub = IPAddress.Parse("127.0.0.53");
        return DnsOk with
        {
            Resolver = Resolver with { Nameservers = [stub] },
            System = new SystemLookup("web1", [], "not asked: no nameserver listens on udp/53", 0),
            Queries = [],
            Nameservers = [],
            Forwarders = [new LocalForwarder(stub, "systemd-resolved", null, false, [], null)],
        };
    }

    [Fact]
    public void Stub_not_running_is_nameserver_down_naming_the_service()
    {
        var dns = ResolvedStubDown();

        var verdict = Judge(NoAddress(dns));

        Assert.Equal(Codes.DnsNameserverDown, verdict.Code);
        Assert.Contains("systemd-resolved", verdict.Summary.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("debian", false, "`apt install systemd-resolved`")]
    [InlineData("debian", true, "`systemctl enable --now systemd-resolved`")]
    [InlineData("", false, "`systemctl enable --now systemd-resolved`")]
    public void Stub_of_a_systemd_resolved_that_is_not_installed_is_not_told_to_start_it(string os, bool installed, string command)
    {
        var dns = ResolvedStubDown();
        var host = new HostFacts(os, [], installed ? new HashSet<HostTool> { HostTool.SystemdResolved } : new HashSet<HostTool>());

        var fix = Catalog.English.Format(Judge(NoAddress(dns) with { Host = host }).Fix!);

        Assert.Contains(command, fix, StringComparison.Ordinal);
        Assert.Equal(installed || os.Length == 0, fix.Contains("enable --now", StringComparison.Ordinal));
    }

    [Fact]
    public void Forwarder_silent_with_an_absent_upstream_names_the_upstream()
    {
        var upstreamReach = new NameserverReach(new PeerProbe(DeadUpstream, Silent(DeadUpstream), Failed(DeadUpstream)),
            new RouteDecision(DeadUpstream, null, "eth0", Dev1, "main", [], null, "10.1.1.4 dev eth0"));
        var dns = DnsOk with
        {
            Resolver = Resolver with { Nameservers = [Loopback] },
            System = new SystemLookup("web1", [], "no answer within 1500 ms", 1500),
            Queries = [new DnsAnswer(Loopback, "web1.example.net.", DnsResult.Timeout, [], 1500)],
            Nameservers = [new NameserverReach(new PeerProbe(Loopback, Reply(Loopback), null), null)],
            Forwarders =
            [
                new LocalForwarder(Loopback, "dnsmasq", 812, true, [DeadUpstream], "dnsmasq's command line")
                {
                    UpstreamQueries = [new DnsAnswer(DeadUpstream, "web1.example.net.", DnsResult.Timeout, [], 1500)],
                    UpstreamReach = [upstreamReach],
                },
            ],
        };

        var verdict = Judge(NoAddress(dns));

        Assert.Equal(Codes.DnsNameserverUnreachable, verdict.Code);
        Assert.Contains("dnsmasq (pid 812) on 127.0.0.1 forwards to 10.1.1.4", verdict.Summary.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Fan_out_takes_the_first_three_of_each_family_in_order()
    {
        var ordered = FourV6TwoV4.Select(IPAddress.Parse).ToList();

        Assert.Equal(["2001:db8::1", "2001:db8::2", "2001:db8::3", "10.0.0.1", "10.0.0.2"], AddressFanOut.Pick(ordered).Select(a => a.ToString()));
    }

    [Fact]
    public void Failing_first_address_stays_the_verdict_and_says_the_other_family_works()
    {
        var v6 = IPAddress.Parse("2001:db8:1:2::5");
        var o = Healthy with
        {
            Address = v6,
            Connect = new TcpOutcome(new IPEndPoint(v6, 80), TcpResult.Silent, 1500),
            OtherAddresses = [new AddressOutcome(1, Web1, RouteViaGateway, Open, Reply(Web1))],
        };
        var verdict = new Verdict(Codes.PortFiltered, Layer.Port, Message.Verbatim("silence"), Message.Verbatim("fix"));

        var note = AddressChoice.NoteText(o, verdict)?.ToString();

        Assert.NotNull(note);
        Assert.Contains("10.1.2.5 (IPv4) accepts the connection", note, StringComparison.Ordinal);
        Assert.Contains("Happy Eyeballs", note, StringComparison.Ordinal);
    }

    [Fact]
    public void Candidate_names_of_a_rooted_name_are_the_name_only()
    {
        Assert.Equal(["web1."], DnsObserver.CandidateNames("web1.", Resolver));
        Assert.Equal(["web1.example.net", "web1"], DnsObserver.CandidateNames("web1", Resolver));
    }
}
