using System.Net;
using Reach.Core.Assessment;
using Reach.Core.Decisions;
using Reach.Core.Diagnosis;
using Reach.Core.Model;
using Reach.Core.Observations;
using Reach.Core.Targets;
using Reach.Engine;
using Reach.Firewall;
using Xunit;
using static Reach.Tests.Assessment.Observe;

namespace Reach.Tests.Assessment;

/// <summary>
/// `reach check` from a node to a service address its own nat OUTPUT translates: the backends found in
/// rules captured from the lab (iptables-save -c of dev1 with the `clusterip` fault) and from kube-proxy's
/// nft ruleset in the corpus, and the verdict drawn from every backend's answer.
/// </summary>
public sealed class ServiceTranslationTests
{
    private static readonly IPEndPoint ClusterIp = new(IPAddress.Parse("10.96.0.10"), 80);
    private static readonly IPEndPoint Web2Http = new(IPAddress.Parse("10.1.4.5"), 80);

    private static Ruleset LabRules() => Ruleset.Create([IptablesSaveParser.Parse(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "dev1-clusterip", "iptables-save.txt")), "iptables")]);

    private static IReadOnlyList<FirewallTrace> Syn(Ruleset rules, IPAddress from, IPEndPoint to) =>
        FirewallTraces.From(PacketTracer.TraceAll(rules, Packet.Tcp(from, to.Address, to.Port, TrafficDirection.Output, 40000) with { OutInterface = "eth0" }));

    [Fact]
    public void Kube_proxy_iptables_clusterip_sends_1_in_2_connections_to_each_endpoint()
    {
        var service = ServicePlan.Backends(Syn(LabRules(), Dev1, ClusterIp), ClusterIp);

        Assert.NotNull(service);
        Assert.Equal([Web1Http, Web2Http], service.Backends.Select(b => b.Endpoint));
        Assert.All(service.Backends, b => Assert.Equal(0.5, b.Probability, 3));
        Assert.Equal("10.96.0.10:80 → 10.1.2.5:80 by nat/KUBE-SEP-OZLGCL46HYI3BJJC rule 2", Assert.Single(service.Backends[0].Translations));
        Assert.Equal("10.96.0.10:80 → 10.1.4.5:80 by nat/KUBE-SEP-DFJ3RRQRYJATNETI rule 2", Assert.Single(service.Backends[1].Translations));
        Assert.Equal("1 in 2 connections", ServicePlan.Share(service.Backends[1].Probability).ToString());
    }

    [Fact]
    public void An_address_no_rule_translates_is_not_a_service()
    {
        Assert.Null(ServicePlan.Backends(Syn(LabRules(), Dev1, Web1Http), Web1Http));
        // The same address on another port: KUBE-SERVICES matches --dport 80 only.
        var other = new IPEndPoint(ClusterIp.Address, 443);
        Assert.Null(ServicePlan.Backends(Syn(LabRules(), Dev1, other), other));
    }

    [Fact]
    public void Kube_proxy_nft_clusterip_numgen_vmap_gives_each_endpoint()
    {
        var nft = NftJsonParser.Parse(File.ReadAllText(Path.Combine(RepoFiles.Root, "tests", "Reach.Firewall.Tests", "Fixtures", "corpus", "kube-proxy-nft", "nft.json")));
        var svc4 = new IPEndPoint(IPAddress.Parse("172.30.0.44"), 80);

        var service = ServicePlan.Backends(Syn(Ruleset.Create([], nft, null), IPAddress.Parse("192.168.0.2"), svc4), svc4);

        Assert.NotNull(service);
        Assert.Equal(["10.180.0.4:80", "10.180.0.5:80"], service.Backends.Select(b => b.Endpoint.ToString()));
        Assert.All(service.Backends, b => Assert.Equal("1 in 2 connections", ServicePlan.Share(b.Probability).ToString()));
        Assert.Contains("endpoint-UNZV3OEC-ns4/svc4/tcp/p80__10.180.0.4/80", service.Backends[0].Translations[0], StringComparison.Ordinal);
    }

    [Fact]
    public void The_failing_backend_is_the_one_probed_whatever_its_place()
    {
        var service = ServicePlan.Backends(Syn(LabRules(), Dev1, ClusterIp), ClusterIp)!;

        var second = ServicePlan.WithAnswers(service, [Open, new TcpOutcome(Web2Http, TcpResult.Reset, 1)]);
        var first = ServicePlan.WithAnswers(service, [new TcpOutcome(Web1Http, TcpResult.Silent, 1500), new TcpOutcome(Web2Http, TcpResult.Open, 1)]);
        var none = ServicePlan.WithAnswers(service, [Open, new TcpOutcome(Web2Http, TcpResult.Open, 1)]);

        Assert.Equal(Web2Http, second.Probed);
        Assert.Equal(Web1Http, first.Probed);
        Assert.Equal(Web1Http, none.Probed);
    }

    [Fact]
    public void Every_backend_open_is_ok_and_names_both()
    {
        var service = ServicePlan.WithAnswers(ServicePlan.Backends(Syn(LabRules(), Dev1, ClusterIp), ClusterIp)!, [Open, new TcpOutcome(Web2Http, TcpResult.Open, 1)]);

        var (verdict, port) = Judge(OnNode(service, Open));

        Assert.Equal(Codes.Ok, verdict.Code);
        Assert.Equal(CheckStatus.Pass, port.Status);
        Assert.Contains("10.1.2.5:80 (10.96.0.10:80 → 10.1.2.5:80 by nat/KUBE-SEP-OZLGCL46HYI3BJJC rule 2) (1 in 2 connections)", port.Summary.ToString(), StringComparison.Ordinal);
        Assert.Contains("10.1.4.5:80 (10.96.0.10:80 → 10.1.4.5:80 by nat/KUBE-SEP-DFJ3RRQRYJATNETI rule 2) (1 in 2 connections)", port.Summary.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void One_refusing_backend_is_port_closed_naming_it_and_its_branch()
    {
        var refused = new TcpOutcome(Web2Http, TcpResult.Reset, 1);
        var service = ServicePlan.WithAnswers(ServicePlan.Backends(Syn(LabRules(), Dev1, ClusterIp), ClusterIp)!, [Open, refused]);

        var (verdict, port) = Judge(OnNode(service, refused));

        Assert.Equal(Codes.PortClosed, verdict.Code);
        Assert.Contains("1 in 2 connections go to 10.1.4.5:80 (10.96.0.10:80 → 10.1.4.5:80 by nat/KUBE-SEP-DFJ3RRQRYJATNETI rule 2)", verdict.Summary.ToString(), StringComparison.Ordinal);
        Assert.Contains("10.1.4.5 answers the SYN to port 80 with RST", verdict.Summary.ToString(), StringComparison.Ordinal);
        Assert.Contains("take 10.1.4.5:80 out of the service's endpoints", verdict.Fix.ToString(), StringComparison.Ordinal);
        Assert.Contains(port.Evidence, e => e.Source == "tcp connect 10.1.2.5:80 (backend)" && e.Detail.StartsWith("SYN-ACK", StringComparison.Ordinal));
    }

    [Fact]
    public void One_silent_backend_is_port_filtered_naming_it()
    {
        var silent = new TcpOutcome(Web2Http, TcpResult.Silent, 1500);
        var service = ServicePlan.WithAnswers(ServicePlan.Backends(Syn(LabRules(), Dev1, ClusterIp), ClusterIp)!, [Open, silent]);

        var (verdict, _) = Judge(OnNode(service, silent) with { TargetPing = Reply(Web2Http.Address) });

        Assert.Equal(Codes.PortFiltered, verdict.Code);
        Assert.Contains("go to 10.1.4.5:80", verdict.Summary.ToString(), StringComparison.Ordinal);
    }

    /// <summary>dev1 asked about 10.96.0.10:80, its probes about the deciding backend (as the engine does).</summary>
    private static ClientObservations OnNode(ServiceTranslation service, TcpOutcome connect) => Healthy with
    {
        Target = TargetParser.Parse("10.96.0.10:80").Target!,
        Address = ClusterIp.Address,
        Dns = null,
        Route = RouteViaGateway with { Destination = service.Probed.Address },
        TargetPing = Reply(service.Probed.Address),
        Trace = null,
        Connect = connect,
        Service = service,
    };

    private static (Reach.Core.Model.Verdict Verdict, Finding Port) Judge(ClientObservations o)
    {
        var findings = ClientAssessment.Assess(o);
        return (Diagnoser.Diagnose(findings, "ok").Verdict, findings.Single(f => f.Layer == Layer.Port));
    }
}
