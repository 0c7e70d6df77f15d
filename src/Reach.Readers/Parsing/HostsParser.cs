using System.Net;
using Reach.Core.Observations;

namespace Reach.Readers.Parsing;

/// <summary>Parses hosts(5): an address, then names; '#' starts a comment.</summary>
public static class HostsParser
{
    public static IReadOnlyList<HostsEntry> Parse(string? text)
    {
        var entries = new List<HostsEntry>();
        foreach (var raw in (text ?? string.Empty).Split('\n'))
        {
            var hash = raw.IndexOf('#', StringComparison.Ordinal);
            var line = (hash >= 0 ? raw[..hash] : raw).Trim();
            var parts = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 2 && IPAddress.TryParse(parts[0], out var address))
            {
                entries.Add(new HostsEntry(address, parts.Skip(1).ToList()));
            }
        }

        return entries;
    }

    /// <summary>The lines that give <paramref name="name"/> (case-insensitive, as glibc compares).</summary>
    public static IReadOnlyList<HostsEntry> Matching(IReadOnlyList<HostsEntry> entries, IEnumerable<string> names)
    {
        var wanted = names.Select(n => n.TrimEnd('.')).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return entries.Where(e => e.Names.Any(wanted.Contains)).ToList();
    }
}
