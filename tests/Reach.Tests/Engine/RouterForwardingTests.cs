using System.Net;
using Reach.Core.Model;
using Reach.Core.Observations;
using Reach.Core.Targets;
using Reach.Core.Text;
using Reach.Engine;
using Xunit;
using static Reach.Tests.Engine.LabNetwork;

namespace Reach.Tests.Engine;

/// <summary>
/// Silence right after gw (issue 17): gw's FORWARD chain dropping (gw-forward-drop) and web1's INPUT policy DROP
/// (policy-drop-ssh-only) look alike from dev1 (gw's time-exceeded for TTL 1, then nothing, echo included), until
/// one SYN goes to an address beside web1 that nobody holds: gw forwards it, ARPs, and answers host-unreachable
/// after about 3 s (3.05-3.07 s after the SYN in the lab), or drops it too. The system is dev1's as a real run read it when its SYN
/// went unanswered (Fixtures/check/web1-drop).
/// </summary>
public sealed class RouterForwardingTests
{
    private static readonly IPAddress Beside = IPAddress.Parse("10.1.2.133");

    private static async Task<(Report Report, ScriptedNetwork Network)> RunAsync(Func<IPEndPoint, int?, Scripted<TcpOutcome>?> syn)
    {
        var network = Healthy();
        var healthyEcho = network.Echo;
        network.Echo = (a, count) => a.Equals(Web1) ? null : healthyEcho(a, count);
        network.Syn = (to, ttl, _, _) => syn(to, ttl);
        return (await StrictReplay.CheckAsync("web1-drop", network), network);
    }

    [Fact]
    public async Task A_gateway_that_forwards_nothing_is_named_as_the_one_that_drops()
    {
        // gw-forward-drop: nothing gw should forward gets through, the SYN beside web1 neither.
        var (report, network) = await RunAsync((to, ttl) => ttl == 1 ? TimeExceeded(to, Gw) : null);

        Assert.Equal("route.unreachable", report.Verdict.Code.Name);
        Assert.Contains("syn 10.1.2.133:80", network.SentOf("syn"));
        var summary = Catalog.English.Format(report.Verdict.Summary);
        Assert.Contains("silence after hop 1 (10.1.1.1), which forwards nothing towards it (a SYN to 10.1.2.133", summary, StringComparison.Ordinal);
        var fix = Catalog.English.Format(report.Verdict.Fix!);
        Assert.Contains("FORWARD chain", fix, StringComparison.Ordinal);
        Assert.Contains("`reach local 80 --from 10.1.1.7 --to 10.1.2.5`", fix, StringComparison.Ordinal);
        Assert.DoesNotContain("--server", fix, StringComparison.Ordinal);
        Assert.Contains(report.Checks.Single(c => c.Layer == Layer.Route).Evidence, e => e.Source == "SYN to 10.1.2.133:80" && e.Detail.StartsWith("no answer", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_gateway_that_forwards_beside_the_target_sends_the_engineer_to_the_target()
    {
        // policy-drop-ssh-only: web1 drops everything but ssh; gw forwards and, for the address nobody holds, answers !H once its ARP gives up.
        var (report, _) = await RunAsync((to, ttl) =>
            ttl == 1 ? TimeExceeded(to, Gw)
            : to.Address.Equals(Beside) ? new Scripted<TcpOutcome>(Unreachable(to, Gw, 1, 3060), TimeSpan.FromMilliseconds(3060))
            : null);

        Assert.Equal("route.unreachable", report.Verdict.Code.Name);
        var summary = Catalog.English.Format(report.Verdict.Summary);
        Assert.Contains("which does forward towards it", summary, StringComparison.Ordinal);
        Assert.Contains("ICMP host-unreachable (3/1) from 10.1.1.1", summary, StringComparison.Ordinal);
        var fix = Catalog.English.Format(report.Verdict.Fix!);
        Assert.Contains("`reach check 10.1.2.5:80 --server ssh://10.1.2.5`", fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_late_host_unreachable_for_the_target_is_the_answer_and_nothing_beside_it_is_said()
    {
        // web1-down: gw answers for web1 itself once its ARP gives up. The SYN beside web1 goes out while that answer may
        // still come (gw answers it the same way, later); web1's own answer decides, and the other is dropped unheard.
        var (report, _) = await RunAsync((to, ttl) =>
            ttl == 1 ? TimeExceeded(to, Gw)
            : ttl is null ? new Scripted<TcpOutcome>(Unreachable(to, Gw, 1, 3050), TimeSpan.FromMilliseconds(3050))
            : null);

        Assert.Equal("route.host-unreachable", report.Verdict.Code.Name);
        Assert.DoesNotContain(report.Checks.SelectMany(c => c.Evidence), e => e.Source.Contains("10.1.2.133", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_target_that_answers_ping_is_not_asked_about_beside_it()
    {
        // web1-drop: web1 answers ping and drops the SYNs: the port's matter, no router's.
        var network = Healthy();
        network.Syn = (to, ttl, _, _) => ttl == 1 ? TimeExceeded(to, Gw) : null;
        var report = await StrictReplay.CheckAsync("web1-drop", network);

        Assert.Equal("port.filtered", report.Verdict.Code.Name);
        Assert.DoesNotContain(network.SentOf("syn"), s => s.StartsWith("syn 10.1.2.133", StringComparison.Ordinal));
    }
}
