using Reach.Core.Assessment;
using Reach.Core.Diagnosis;
using Reach.Core.Model;
using Reach.Core.Observations;
using Reach.Core.Paths;
using Reach.Core.Text;
using Reach.Tests.Assessment;

namespace Reach.Tests.Reports;

/// <summary>Reports built the way ClientCheck builds them (assess, diagnose, path) from the seed's observations.</summary>
internal static class Sample
{
    public static readonly IcmpReport RejectFromWeb1 = new(Observe.Web1, 3, 3);

    /// <summary>The seed's REJECT: web1 answers ping, its firewall rejects port 80 with port-unreachable.</summary>
    public static ClientObservations Rejected => Observe.Healthy with { Connect = Observe.Tcp(TcpResult.IcmpError, RejectFromWeb1), Trace = null };

    /// <summary>The gateway refuses to forward port 80 (gw-prohibit): admin-prohibited from 10.1.1.1, web1 answers ping.</summary>
    public static ClientObservations Prohibited => Observe.Healthy with { Connect = Observe.Tcp(TcpResult.IcmpError, new IcmpReport(Observe.Gateway, 3, 13)), Trace = null };

    /// <summary>A router beyond the gateway refuses (the lab with r2-prohibit, `check web2:80`): the SYN's admin-prohibited
    /// comes from 10.1.9.2, which no trace met (none ran: the target answers ping), while the target answers ping.</summary>
    public static ClientObservations ProhibitedBeyond => Observe.Healthy with { Connect = Observe.Tcp(TcpResult.IcmpError, new IcmpReport(RouterBeyond, 3, 13)), Trace = null };

    public static readonly System.Net.IPAddress RouterBeyond = System.Net.IPAddress.Parse("10.1.9.2");

    /// <summary>web1-down as dev1 saw it: ping and the SYN get host-unreachable (3/1) from the gateway after its ARP gave up; the trace: 1 10.1.1.1, 2 *.</summary>
    public static ClientObservations HostDown => Observe.Healthy with
    {
        TargetPing = Observe.IcmpError(Observe.Web1, Observe.Gateway, 3, 1),
        Connect = Observe.Tcp(TcpResult.IcmpError, new IcmpReport(Observe.Gateway, 3, 1)),
        Trace = Observe.Trace(Observe.Gateway, null),
    };

    /// <summary>gw-forward-drop as dev1 saw it: the gateway answers its own ping and TTL 1, then nothing (ping, SYN, trace 2 *).</summary>
    public static ClientObservations ForwardDrop => Observe.Healthy with
    {
        TargetPing = Observe.Silent(Observe.Web1),
        Connect = Observe.Tcp(TcpResult.Silent),
        Trace = Observe.Trace(Observe.Gateway, null),
    };

    public static ClientObservations LinkDown => Observe.Healthy with
    {
        Interfaces = [Observe.Lo, Observe.Eth0 with { Carrier = false, OperState = "down" }],
        TargetPing = Observe.Silent(Observe.Web1),
        Connect = Observe.Tcp(TcpResult.Silent),
        Trace = Observe.Trace(null, null),
    };

    public static Report Build(ClientObservations o, string input = "web1:80")
    {
        var findings = ClientAssessment.Assess(o);
        var (verdict, problems) = Diagnoser.Diagnose(findings, Message.Of("verdict.ok.check", ("host", "web1"), ("port", "80")));
        return new Report(new TargetInfo(input, "web1", 80, [Observe.Web1]), verdict, findings, problems) { Path = PathBuilder.Build(o, verdict) };
    }
}
