using Reach.Core.Watching;

namespace Reach.Readers.Parsing;

/// <summary>
/// Counts skb:kfree_skb lines of a tracefs `trace` file by reason and function. The kernel prints them as
/// "… kfree_skb: skbaddr=000000009c1b2f3e rx_sk=0000000000000000 protocol=2048 location=nft_do_chain+0x46f/0x690 reason: NETFILTER_DROP"
/// (include/trace/events/skb.h: location with %pS, the reason by name). Lines of other events, and the
/// "#" header, are skipped.
/// </summary>
public static class TraceDropParser
{
    public static IReadOnlyList<KernelDropCount> Parse(string? trace)
    {
        var counts = new Dictionary<(string Reason, string Function), int>();
        foreach (var line in (trace ?? string.Empty).Split('\n'))
        {
            if (line.StartsWith('#') || !line.Contains(" kfree_skb: ", StringComparison.Ordinal))
            {
                continue;
            }

            var reason = After(line, "reason: ");
            var location = After(line, "location=");
            if (reason is null || location is null)
            {
                continue;
            }

            var function = location.Split('+', '/')[0];
            var key = (reason, function);
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        return [.. counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key.Reason, StringComparer.Ordinal)
            .Select(c => new KernelDropCount(c.Key.Reason, c.Key.Function, c.Value))];
    }

    /// <summary>The word after <paramref name="marker"/>, up to the next space.</summary>
    private static string? After(string line, string marker)
    {
        var at = line.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var rest = line[(at + marker.Length)..].Trim();
        var space = rest.IndexOf(' ', StringComparison.Ordinal);
        var word = space >= 0 ? rest[..space] : rest;
        return word.Length > 0 ? word : null;
    }
}
