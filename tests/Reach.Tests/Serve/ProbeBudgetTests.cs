using Reach.Serve.Probing;
using Xunit;

namespace Reach.Tests.Serve;

public sealed class ProbeBudgetTests
{
    private static readonly TimeSpan Module = TimeSpan.FromSeconds(5);

    [Theory]
    [InlineData(null, 5000)]      // no header: the module's timeout
    [InlineData("10", 5000)]      // Prometheus's default 10 s scrape: the module caps it
    [InlineData("3", 2500)]       // a shorter scrape: its timeout minus 0.5 s
    [InlineData("2.5", 2000)]
    [InlineData("0.6", 250)]      // never below the minimum
    public void The_budget_is_the_scrape_timeout_less_half_a_second_capped_by_the_module(string? header, double ms) =>
        Assert.Equal(TimeSpan.FromMilliseconds(ms), ProbeBudget.Budget(header, Module));

    [Theory]
    [InlineData("soon")]
    [InlineData("-1")]
    [InlineData("0")]
    [InlineData("1e400")]
    public void A_header_that_is_no_number_of_seconds_is_refused(string header) =>
        Assert.Null(ProbeBudget.Budget(header, Module));

    [Theory]
    [InlineData(9500, 1500)]
    [InlineData(4000, 1000)]
    [InlineData(250, 100)]
    public void Each_probe_waits_a_quarter_of_the_budget_at_most_reach_checks_default(double budget, double wait) =>
        Assert.Equal(TimeSpan.FromMilliseconds(wait), ProbeBudget.ProbeTimeout(TimeSpan.FromMilliseconds(budget)));
}
