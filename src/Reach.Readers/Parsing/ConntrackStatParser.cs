using System.Globalization;

namespace Reach.Readers.Parsing;

/// <summary>
/// Parses /proc/net/stat/nf_conntrack: a header of names, then one row per CPU of hexadecimal
/// values (net/netfilter/nf_conntrack_standalone.c, ct_cpu_seq_show). The per-CPU counters are summed;
/// <c>entries</c> is the namespace's count, the same on every row, so it is taken once.
/// </summary>
public static class ConntrackStatParser
{
    public static IReadOnlyDictionary<string, long> Parse(string? text)
    {
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        var lines = (text ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length < 2)
        {
            return result;
        }

        var names = lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        foreach (var line in lines.Skip(1))
        {
            var values = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (values.Length != names.Length)
            {
                continue;
            }

            for (var i = 0; i < names.Length; i++)
            {
                if (!long.TryParse(values[i], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v))
                {
                    continue;
                }

                result[names[i]] = names[i] == "entries" ? v : result.GetValueOrDefault(names[i]) + v;
            }
        }

        return result;
    }
}
