using System.Globalization;
using System.Net;
using Reach.Firewall;

namespace Reach.Readers.Parsing;

/// <summary>
/// Parses /proc/net/ipt_hashlimit/NAME (ip6t_hashlimit for IPv6): one bucket a line, as
/// dl_seq_real_show prints it: <c>54 10.1.1.7:0-&gt;0.0.0.0:0 775155697582080 8246337180000000 8246337180000000</c>
/// (seconds until it expires, the key, credit, credit cap, cost). IPv6 keys are bracketless with the
/// port after the last colon.
/// </summary>
public static class HashlimitParser
{
    public static IReadOnlyList<HashlimitEntry> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var entries = new List<HashlimitEntry>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length < 5 || !long.TryParse(words[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var expires))
            {
                continue;
            }

            var arrow = words[1].IndexOf("->", StringComparison.Ordinal);
            if (arrow < 0 || !TryEndpoint(words[1][..arrow], out var src, out var sport) || !TryEndpoint(words[1][(arrow + 2)..], out var dst, out var dport)
                || !ulong.TryParse(words[2], NumberStyles.None, CultureInfo.InvariantCulture, out var credit)
                || !ulong.TryParse(words[3], NumberStyles.None, CultureInfo.InvariantCulture, out var cap)
                || !ulong.TryParse(words[4], NumberStyles.None, CultureInfo.InvariantCulture, out var cost))
            {
                continue;
            }

            entries.Add(new HashlimitEntry(expires, src, sport, dst, dport, credit, cap, cost, line));
        }

        return entries;
    }

    private static bool TryEndpoint(string text, out IPAddress address, out int port)
    {
        address = IPAddress.None;
        port = 0;
        var colon = text.LastIndexOf(':');
        return colon > 0 && int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out port)
            && IPAddress.TryParse(text[..colon].Trim('[', ']'), out address!);
    }
}
