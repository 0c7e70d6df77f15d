using System.Globalization;
using System.Net;
using Reach.Firewall;

namespace Reach.Readers.Parsing;

/// <summary>
/// Parses the conntrack table, as /proc/net/nf_conntrack prints it (<c>ipv4 2 tcp 6 431999 ESTABLISHED
/// src=… dst=… sport=… dport=… src=… …</c>) or `conntrack -L` (the same without the first two words): the
/// first src/dst/sport/dport are the original direction's.
/// </summary>
public static class ConntrackTableParser
{
    public static IReadOnlyList<TrackedConnection> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<TrackedConnection>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var start = words.Length > 0 && words[0] is "ipv4" or "ipv6" ? 2 : 0;
            if (words.Length < start + 4)
            {
                continue;
            }

            var protocol = words[start];
            string? Field(string name) => words.Skip(start).FirstOrDefault(w => w.StartsWith(name + "=", StringComparison.Ordinal))?[(name.Length + 1)..];
            if (!IPAddress.TryParse(Field("src"), out var src) || !IPAddress.TryParse(Field("dst"), out var dst))
            {
                continue;
            }

            int? Port(string name) => int.TryParse(Field(name), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : null;
            // tcp's state follows the timeout: "tcp 6 431999 ESTABLISHED src=…".
            var state = protocol == "tcp" && words.Length > start + 3 && !words[start + 3].Contains('=', StringComparison.Ordinal) ? words[start + 3] : null;
            result.Add(new TrackedConnection(protocol, src, dst, Port("sport"), Port("dport"), state, line));
        }

        return result;
    }
}
