using System.Globalization;

namespace Reach.Cli.Commands;

/// <summary>Reads a duration as an operator types it: "2", "1.5s", "500ms".</summary>
internal static class DurationParser
{
    public static TimeSpan? Parse(string text)
    {
        var t = text.Trim();
        var (number, scale) = t.EndsWith("ms", StringComparison.OrdinalIgnoreCase) ? (t[..^2], 1.0)
            : t.EndsWith('s') ? (t[..^1], 1000.0)
            : (t, 1000.0);
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && value * scale <= 60_000
            ? TimeSpan.FromMilliseconds(value * scale)
            : null;
    }
}
