using Reach.Core.Assessment;
using Reach.Core.Diagnosis;
using Reach.Core.Model;
using Reach.Core.Observations;
using Reach.Core.Text;
using Xunit;
using static Reach.Tests.Assessment.Observe;

namespace Reach.Tests.Assessment;

/// <summary>
/// Nothing answered beyond a gateway that answers ping, and its first hop was not asked again: its ICMP errors
/// may have been swallowed by the rate limit an earlier run spent, so the silence names no cause (issue 17).
/// </summary>
public sealed class SpentBudgetAssessmentTests
{
    private static Verdict Judge(ClientObservations o) => Diagnoser.Diagnose(ClientAssessment.Assess(o), "ok").Verdict;

    [Fact]
    public void No_hop_answering_past_a_gateway_that_answers_ping_says_its_icmp_may_be_rate_limited()
    {
        var verdict = Judge(Healthy with { TargetPing = Silent(Web1), Connect = Tcp(TcpResult.Silent), Trace = Trace(null, null) });

        Assert.Equal(Codes.RouteUnreachable, verdict.Code);
        var summary = Catalog.English.Format(verdict.Summary);
        Assert.Contains("though gateway 10.1.1.1 answers ping", summary, StringComparison.Ordinal);
        Assert.Contains("rate-limited", summary, StringComparison.Ordinal);
        Assert.Contains("Run the check again in a few seconds", Catalog.English.Format(verdict.Fix), StringComparison.Ordinal);
    }

    [Fact]
    public void No_hop_answering_behind_a_gateway_that_ignores_ping_is_still_no_hop_at_all()
    {
        var silentGateway = new GatewayObservation(new PeerProbe(Gateway, Silent(Gateway), Reachable(Gateway)), []);
        var verdict = Judge(Healthy with { Gateway = silentGateway, TargetPing = Silent(Web1), Connect = Tcp(TcpResult.Silent), Trace = Trace(null, null) });

        Assert.Equal(Codes.RouteUnreachable, verdict.Code);
        Assert.Contains("no hop answered at all", Catalog.English.Format(verdict.Summary), StringComparison.Ordinal);
    }
}
