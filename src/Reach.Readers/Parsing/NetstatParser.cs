using System.Globalization;

namespace Reach.Readers.Parsing;

/// <summary>
/// Parses /proc/net/netstat and /proc/net/snmp: pairs of lines, a header of names then a line of values,
/// both starting with the same prefix ("TcpExt:").
/// </summary>
public static class NetstatParser
{
    public static IReadOnlyDictionary<string, long> Parse(string? text)
    {
        var counters = new Dictionary<string, long>(StringComparer.Ordinal);
        var lines = (text ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i + 1 < lines.Length; i += 2)
        {
            var names = lines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var values = lines[i + 1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (names.Length != values.Length || names.Length == 0 || names[0] != values[0])
            {
                continue;
            }

            var prefix = names[0].TrimEnd(':');
            for (var j = 1; j < names.Length; j++)
            {
                if (long.TryParse(values[j], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v))
                {
                    counters[$"{prefix}.{names[j]}"] = v;
                }
            }
        }

        return counters;
    }
}
