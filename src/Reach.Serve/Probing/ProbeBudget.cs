using System.Globalization;

namespace Reach.Serve.Probing;

/// <summary>
/// How long one /probe may take, as blackbox_exporter decides it: the scrape's own timeout, which
/// Prometheus sends in X-Prometheus-Scrape-Timeout-Seconds, minus 0.5 s for the way back, capped by the
/// module's timeout. Pure: the header's text in, durations out.
/// </summary>
public static class ProbeBudget
{
    public const string Header = "X-Prometheus-Scrape-Timeout-Seconds";

    public static readonly TimeSpan Offset = TimeSpan.FromMilliseconds(500);

    /// <summary>Below this, no check can answer anything: a scrape timeout that short still gets this much.</summary>
    public static readonly TimeSpan Minimum = TimeSpan.FromMilliseconds(250);

    /// <summary>The whole probe's budget; null when the header is there but is no number of seconds.</summary>
    public static TimeSpan? Budget(string? header, TimeSpan moduleTimeout)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return moduleTimeout;
        }

        if (!double.TryParse(header.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) || seconds <= 0 || double.IsInfinity(seconds))
        {
            return null;
        }

        var scrape = TimeSpan.FromSeconds(Math.Min(seconds, 86_400)) - Offset;
        var budget = scrape < moduleTimeout ? scrape : moduleTimeout;
        return budget < Minimum ? Minimum : budget;
    }

    /// <summary>
    /// How long one probe of the check waits for an answer (reach check --timeout). A silent port costs
    /// about two waits (the SYN, then the confirming SYN a second later) and a trace a few more: a quarter
    /// of the budget leaves room for them. Never above reach check's default of 1.5 s: a longer wait
    /// proves nothing more, it only makes a healthy scrape wait behind a silent one.
    /// </summary>
    public static TimeSpan ProbeTimeout(TimeSpan budget)
    {
        var quarter = budget / 4;
        var floor = TimeSpan.FromMilliseconds(100);
        var cap = TimeSpan.FromMilliseconds(1500);
        return quarter < floor ? floor : quarter > cap ? cap : quarter;
    }
}
