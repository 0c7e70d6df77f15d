using System.Net;
using System.Text.RegularExpressions;
using Reach.Cli.Rendering;
using Reach.Core.Assessment;
using Reach.Core.Model;
using Reach.Core.Observations;
using Reach.Core.Targets;
using Reach.Core.Text;
using Reach.Engine;
using Reach.Firewall;
using Reach.Tests.Assessment;
using Xunit;

namespace Reach.Tests.Reports;

/// <summary>The assessors' sentences in every language: the facts in place, nothing left English-only or unfilled, the English unchanged.</summary>
public sealed partial class AssessorLanguageTests
{
    private static readonly IPAddress Dev1 = IPAddress.Parse("10.1.1.7");
    private static readonly IPAddress Web1 = IPAddress.Parse("10.1.2.5");

    [Fact]
    public void The_seeds_reject_is_said_in_Korean_with_the_target_the_port_and_the_ICMP_and_its_English_is_unchanged()
    {
        var report = Sample.Build(Sample.Rejected);
        var ko = ReportWords.For("ko");
        var icmp = Sample.RejectFromWeb1.Describe();

        Assert.Equal($"10.1.2.5 itself rejects the SYN to port 80 with {icmp}: a REJECT rule in its firewall", report.Verdict.Summary.ToString());
        Assert.Equal("On 10.1.2.5: remove or narrow the REJECT rule for port 80 (`reach local 80 --from 10.1.1.7` names it).", report.Verdict.Fix.ToString());
        Assert.Equal($"80 포트로 보낸 SYN을 10.1.2.5 자신이 {icmp}(으)로 거부합니다: 10.1.2.5 방화벽의 REJECT 규칙 때문입니다", ko.Summary(report));
        Assert.Equal("10.1.2.5에서: 80 포트에 대한 REJECT 규칙을 지우거나 범위를 좁히세요(그 호스트에서 `reach local 80 --from 10.1.1.7`이(가) 규칙을 찾아 줍니다).", ko.Fix(report));
        Assert.Null(ko.Original(report));
    }

    [Fact]
    public void Every_layer_of_the_seeds_reject_is_said_in_Korean_not_by_its_code_meaning()
    {
        var report = Sample.Build(Sample.Rejected);
        var ko = ReportWords.For("ko");

        Assert.All(report.Checks, f => Assert.Null(ko.Original(f)));
        Assert.Equal("게이트웨이 10.1.1.1이(가) ping에 0.2 ms 만에 응답합니다", ko.Summary(report.Checks.Single(c => c.Layer == Layer.Gateway)));
        Assert.StartsWith("eth0 인터페이스가 UP 상태입니다: 주소 ", ko.Summary(report.Checks.Single(c => c.Layer == Layer.Interface)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_clause_of_its_own_is_said_in_the_same_language_as_its_sentence()
    {
        // A gateway that answers nothing while a LAN peer does: the reason is a message inside the message.
        var o = Observe.Healthy with
        {
            Gateway = new GatewayObservation(new PeerProbe(Observe.Gateway, Observe.Silent(Observe.Gateway), Observe.Failed(Observe.Gateway)),
                [new PeerProbe(Observe.Nameserver, Observe.Reply(Observe.Nameserver), null)]),
            TargetPing = Observe.Silent(Observe.Web1),
            Connect = Observe.Tcp(TcpResult.Silent),
            Trace = Observe.Trace(null, null),
            Dns = null,
            Target = TargetParser.Parse("10.1.2.5:80").Target!,
        };
        var gateway = GatewayCheck.Assess(o, lowerLayerFailed: false);

        Assert.Equal(Codes.GatewayUnreachable, gateway.Code);
        Assert.Equal("gateway 10.1.1.1 answers neither ping nor a fresh ARP request, while 10.1.1.3 on the same LAN answers: the gateway is down or the route names a wrong address", gateway.Summary.ToString());
        Assert.Equal("게이트웨이 10.1.1.1이(가) ping에도, 새로 보낸 ARP 요청에도 응답하지 않습니다. 같은 LAN의 10.1.1.3은(는) 응답합니다: 게이트웨이가 다운되었거나 라우팅 테이블의 게이트웨이 주소가 잘못되었습니다",
            Catalog.For("ko").Format(gateway.Summary));
        Assert.Contains("/etc/network/interfaces의 'iface eth0' 항목", Catalog.For("ko").Format(gateway.Fix!), StringComparison.Ordinal);
    }

    [Fact]
    public void A_listener_behind_a_rejecting_firewall_drops_what_clients_would_get_in_every_language()
    {
        var o = new LocalObservations(80, "tcp", Dev1, true, Web1, "eth0", [], 0,
            Firewall("*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n-A INPUT -p tcp -m tcp --dport 80 -j REJECT\nCOMMIT\n"));

        var listener = ListenerCheck.Assess(o);

        Assert.Equal(CheckStatus.Warn, listener.Status);
        Assert.Equal("nothing listens on tcp/80; the firewall stops the client's packet before it gets here", listener.Summary.ToString());
        Assert.Equal("tcp/80을(를) 리스닝하는 프로세스가 없습니다. 다만 클라이언트의 패킷은 여기 오기 전에 방화벽에서 막힙니다", Catalog.For("ko").Format(listener.Summary));
    }

    public static TheoryData<string> Scenarios() => [.. ClientScenarios.Keys.Concat(LocalScenarios.Keys)];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Every_finding_carries_its_sentences_as_messages_filled_in_every_language(string scenario)
    {
        IReadOnlyList<Finding> findings = ClientScenarios.TryGetValue(scenario, out var client)
            ? ClientAssessment.Assess(client)
            : LocalAssessment.Assess(LocalScenarios[scenario]);

        foreach (var f in findings)
        {
            // Verbatim words are for what came from elsewhere (a remote end's JSON): an assessor says its own sentences.
            Assert.False(f.Summary.IsVerbatim, $"{f.Code}: '{f.Summary}' is not a message of the catalogue");
            Assert.False(f.Fix?.IsVerbatim == true, $"{f.Code}: its fix '{f.Fix}' is not a message of the catalogue");
            foreach (var language in Catalog.Available)
            {
                var said = Catalog.For(language).Format(f.Summary) + " " + (f.Fix is null ? string.Empty : Catalog.For(language).Format(f.Fix));
                Assert.False(Placeholder().IsMatch(said), $"{language}: {f.Code} leaves a placeholder unfilled: {said}");
                Assert.DoesNotContain(f.Summary.Key, said, StringComparison.Ordinal);
            }
        }
    }

    private static readonly Dictionary<string, ClientObservations> ClientScenarios = new()
    {
        ["healthy"] = Observe.Healthy,
        ["rejected"] = Sample.Rejected,
        ["prohibited"] = Sample.Prohibited,
        ["link-down"] = Sample.LinkDown,
        ["closed"] = Observe.Healthy with { Connect = Observe.Tcp(TcpResult.Reset) },
        ["filtered"] = Observe.Healthy with { Connect = Observe.Tcp(TcpResult.Silent) },
        ["no-route"] = Observe.Healthy with { Routes = [], Route = Observe.NoRoute, Gateway = null, TargetPing = null, Connect = null, Trace = null },
        ["host-unreachable"] = Observe.Healthy with
        {
            TargetPing = Observe.IcmpError(Observe.Web1, Observe.Gateway, 3, 1),
            Connect = Observe.Tcp(TcpResult.IcmpError, new IcmpReport(Observe.Gateway, 3, 1)),
            Trace = null,
        },
        ["silent-path"] = Observe.Healthy with { TargetPing = Observe.Silent(Observe.Web1), Connect = Observe.Tcp(TcpResult.Silent), Trace = Observe.Trace(Observe.Gateway, null) },
    };

    private static readonly Dictionary<string, LocalObservations> LocalScenarios = new()
    {
        ["local-open"] = Local([Tcp("0.0.0.0")], Accept),
        ["local-loopback"] = Local([Tcp("127.0.0.1")], Accept),
        ["local-v6only"] = Local([Tcp("::", v6only: true)], Accept),
        ["local-other-address"] = Local([Tcp("10.9.9.9")], Accept),
        ["local-queue-full"] = Local([Tcp("0.0.0.0", queue: 129)], Accept),
        ["local-reject"] = Local([Tcp("0.0.0.0")], "-A INPUT -p tcp -m tcp --dport 80 -j REJECT\n"),
        ["local-drop-policy"] = Local([], string.Empty, policy: "DROP"),
    };

    private const string Accept = "";

    private static LocalObservations Local(IReadOnlyList<Listener> listeners, string rules, string policy = "ACCEPT") =>
        new(80, "tcp", Dev1, true, Web1, "eth0", listeners, 0,
            Firewall($"*filter\n:INPUT {policy} [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n{rules}COMMIT\n"));

    private static Listener Tcp(string address, bool? v6only = null, int queue = 0) =>
        new("tcp", IPAddress.Parse(address), 80, v6only, null, "919/apache", queue, 128);

    private static FirewallObservation Firewall(string iptablesSave)
    {
        var ruleset = Ruleset.Create([IptablesSaveParser.Parse(iptablesSave, "iptables")]);
        var trace = PacketTracer.Trace(ruleset, Packet.Tcp(Dev1, Web1, 80, TrafficDirection.Input, 40000) with { InInterface = "eth0" });
        return new FirewallObservation(FirewallTraces.From(trace), ["iptables-save -c"], [], "tcp 10.1.1.7 → 10.1.2.5:80");
    }

    [GeneratedRegex(@"\{[a-z-]+\}")]
    private static partial Regex Placeholder();
}
