using System.Globalization;

namespace Reach.Serve.Config;

/// <summary>
/// Durations as Prometheus writes them (its model.ParseDuration): units ms, s, m, h, d, combined from
/// largest to smallest ("1m30s"); a plain number is seconds, as reach's own --timeout reads it.
/// </summary>
public static class Durations
{
    private static readonly (string Unit, double Ms)[] Units = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000), ("d", 86_400_000)];

    public static TimeSpan? Parse(string? text)
    {
        var t = (text ?? string.Empty).Trim();
        if (t.Length == 0)
        {
            return null;
        }

        if (double.TryParse(t, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var plain))
        {
            return plain > 0 ? TimeSpan.FromSeconds(plain) : null;
        }

        double total = 0;
        var lastRank = int.MaxValue;
        var i = 0;
        while (i < t.Length)
        {
            var start = i;
            while (i < t.Length && (char.IsAsciiDigit(t[i]) || t[i] == '.'))
            {
                i++;
            }

            if (i == start || !double.TryParse(t[start..i], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                return null;
            }

            var unitStart = i;
            while (i < t.Length && char.IsAsciiLetter(t[i]))
            {
                i++;
            }

            var rank = Array.FindIndex(Units, u => u.Unit == t[unitStart..i]);
            if (rank < 0 || rank >= lastRank)
            {
                return null;
            }

            lastRank = rank;
            total += value * Units[rank].Ms;
        }

        return total > 0 ? TimeSpan.FromMilliseconds(total) : null;
    }

    public static string Format(TimeSpan t) =>
        t.TotalSeconds >= 1 ? t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s" : t.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + "ms";
}
