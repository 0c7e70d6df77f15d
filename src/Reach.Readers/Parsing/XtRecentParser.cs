using System.Globalization;
using System.Net;
using Reach.Firewall;

namespace Reach.Readers.Parsing;

/// <summary>
/// Parses /proc/net/xt_recent/NAME: one address a line, as recent_seq_show prints it:
/// <c>src=10.1.1.7 ttl: 63 last_seen: 4295761073 oldest_pkt: 18 4295760155, 4295760155, …</c> (the
/// timestamps are jiffies). An empty file is an empty list.
/// </summary>
public static class XtRecentParser
{
    public static IReadOnlyList<RecentEntry> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var entries = new List<RecentEntry>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length < 2 || !words[0].StartsWith("src=", StringComparison.Ordinal) || !IPAddress.TryParse(words[0][4..], out var address))
            {
                continue;
            }

            var ttl = Next(words, "ttl:") is { } t && int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0;
            var oldest = Array.IndexOf(words, "oldest_pkt:");
            var stamps = oldest >= 0
                ? words.Skip(oldest + 2).Select(w => w.TrimEnd(',')).Select(w => ulong.TryParse(w, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : (ulong?)null).OfType<ulong>().ToList()
                : [];
            entries.Add(new RecentEntry(address, ttl, stamps, line));
        }

        return entries;
    }

    private static string? Next(string[] words, string key)
    {
        var i = Array.IndexOf(words, key);
        return i >= 0 && i + 1 < words.Length ? words[i + 1] : null;
    }
}
