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
/// A run right after another (issue 17, "second runs flip"): the first run spent gw's ICMP budget for dev1, so
/// gw's errors are swallowed until it refills, and the verdict must not change with it. The system is dev1's as a
/// real run read it when its SYN went unanswered (Fixtures/check/web1-drop: dev1's own state is the same under
/// gw's faults); gw's answers follow its kernel's rate limit, as measured in the lab with gw-no-route run four
/// times back to back (the second and later runs: the trace's TTL=1 probes silent, the TTL=1 SYN sent alone
/// 2 s later answered !N).
/// </summary>
public sealed class SpentIcmpBudgetTests
{
    /// <summary>
    /// gw's per-peer token bucket for dev1 (inet_peer rate_tokens, in seconds): it refills with time, up to a burst
    /// of 5 (ip_rt_error_burst) or 6 (XRLIM_BURST_FACTOR), and each ICMP error costs one (icmp_ratelimit, 1 s). A
    /// no-route error is charged twice, by ip_error's own limit and then by icmp_send's, from the same bucket.
    /// </summary>
    private sealed class Budget(TimeProvider time)
    {
        private double tokens;
        private DateTimeOffset last = time.GetUtcNow();

        public bool NoRoute() => Take(5) && Take(6);

        public bool Exceeded() => Take(6);

        private bool Take(double burst)
        {
            var now = time.GetUtcNow();
            tokens = Math.Min(tokens + (now - last).TotalSeconds, burst);
            last = now;
            if (tokens < 1)
            {
                return false;
            }

            tokens -= 1;
            return true;
        }
    }

    private static Task<Report> RunAsync(ScriptedNetwork network) => StrictReplay.CheckAsync("web1-drop", network);

    /// <summary>gw answers ping itself; everything it should forward to web1 meets its fault, answered only while its budget lasts.</summary>
    private static ScriptedNetwork SpentGateway(Func<Budget, IPEndPoint, int?, TcpOutcome?> syn, Func<Budget, IPAddress, PingOutcome?> echo)
    {
        var network = Healthy();
        var budget = new Budget(network.Time);
        var healthyEcho = network.Echo;
        network.Echo = (a, count) => a.Equals(Web1) ? echo(budget, a) : healthyEcho(a, count);
        network.Syn = (to, ttl, _, _) => to.Address.Equals(Web1) ? syn(budget, to, ttl) : null;
        return network;
    }

    [Fact]
    public async Task A_gateway_whose_budget_is_spent_is_asked_again_and_its_no_route_is_the_verdict()
    {
        // gw-no-route: gw has no route to 10.1.2.0/24, so every packet to web1 gets !N, if the bucket allows.
        var network = SpentGateway(
            (budget, to, _) => budget.NoRoute() ? Unreachable(to, Gw, 0) : null,
            (budget, a) => budget.NoRoute() ? new PingOutcome(a, PingResult.Error, 0.4, new IcmpReport(Gw, 3, 0)) : null);

        var report = await RunAsync(network);

        Assert.Equal("route.net-unreachable", report.Verdict.Code.Name);
        Assert.Contains("10.1.1.1", Catalog.English.Format(report.Verdict.Summary), StringComparison.Ordinal);
        Assert.Contains(report.Checks.Single(c => c.Layer == Layer.Route).Evidence, e => e.Source == "TTL 1 again" && e.Detail.Contains("net-unreachable", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_forwarding_gateway_whose_budget_is_spent_is_the_last_hop_that_answered_not_no_hop_at_all()
    {
        // gw-forward-drop: gw forwards (time-exceeded for TTL 1, if the bucket allows) and its FORWARD chain drops the rest.
        var network = SpentGateway(
            (budget, to, ttl) => ttl == 1 && budget.Exceeded() ? TimeExceeded(to, Gw) : null,
            (_, _) => null);

        var report = await RunAsync(network);

        Assert.Equal("route.unreachable", report.Verdict.Code.Name);
        var summary = Catalog.English.Format(report.Verdict.Summary);
        Assert.Contains("silence after hop 1 (10.1.1.1)", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("no hop answered", summary, StringComparison.Ordinal);
        // The trace itself found gw silent (its budget spent): only the TTL=1 SYN asked alone later got the time-exceeded.
        var evidence = report.Checks.Single(c => c.Layer == Layer.Route).Evidence;
        Assert.Contains(evidence, e => e.Source.StartsWith("tcp trace", StringComparison.Ordinal) && e.Detail.TrimStart().StartsWith("1  *", StringComparison.Ordinal));
        Assert.Contains(evidence, e => e.Source == "TTL 1 again" && e.Detail.Contains("time-exceeded", StringComparison.Ordinal));
    }
}
