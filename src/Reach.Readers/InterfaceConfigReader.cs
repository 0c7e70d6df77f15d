using Reach.Core.Observations;
using Reach.Readers.Parsing;
using Reach.Readers.Sources;

namespace Reach.Readers;

/// <summary>
/// Reads what the host's network configuration says its interfaces should have (<see cref="InterfaceConfig"/>):
/// ifupdown's /etc/network/interfaces and the files it sources (Debian's default sources
/// /etc/network/interfaces.d/*). Files only, nothing is run; a file that cannot be read adds nothing.
/// </summary>
public static class InterfaceConfigReader
{
    public const string Interfaces = "/etc/network/interfaces";

    /// <summary>How deep <c>source</c> lines are followed (a file that sources itself stops here too).</summary>
    private const int MaxDepth = 4;

    public static IReadOnlyList<InterfaceConfig> Read(ISystemSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var stanzas = new List<InterfaceConfig>();
        var auto = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Visit(source, Interfaces, 0, stanzas, auto, seen);
        return stanzas.Select(s => s with { Auto = auto.Contains(s.Interface) }).ToList();
    }

    private static void Visit(ISystemSource source, string path, int depth, List<InterfaceConfig> stanzas, HashSet<string> auto, HashSet<string> seen)
    {
        if (depth > MaxDepth || !seen.Add(path) || source.ReadFile(path) is not { } text)
        {
            return;
        }

        var file = IfupdownParser.Parse(text, path);
        stanzas.AddRange(file.Stanzas);
        auto.UnionWith(file.Auto);
        foreach (var include in file.Includes)
        {
            foreach (var included in Expand(source, include))
            {
                Visit(source, included, depth + 1, stanzas, auto, seen);
            }
        }
    }

    /// <summary>
    /// The files an include names, in order: a directory (source-directory) gives its files whose names are
    /// letters, digits, '_' and '-' only (run-parts' rule, interfaces(5)); a pattern whose last part has '*'
    /// gives the files it matches; anything else is the file itself. Relative paths are /etc/network's.
    /// </summary>
    private static IEnumerable<string> Expand(ISystemSource source, string include)
    {
        var path = include.StartsWith('/') ? include : "/etc/network/" + include;
        if (path.EndsWith('/'))
        {
            return source.ListDirectory(path.TrimEnd('/')).Where(n => n.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
                .Order(StringComparer.Ordinal).Select(n => path + n);
        }

        var slash = path.LastIndexOf('/');
        var directory = path[..slash];
        var pattern = path[(slash + 1)..];
        if (!pattern.Contains('*', StringComparison.Ordinal))
        {
            return [path];
        }

        var parts = pattern.Split('*');
        return source.ListDirectory(directory).Where(n => Matches(n, parts)).Order(StringComparer.Ordinal).Select(n => $"{directory}/{n}");
    }

    /// <summary>A glob with '*' only: the parts in order, the first at the start and the last at the end.</summary>
    private static bool Matches(string name, string[] parts)
    {
        if (!name.StartsWith(parts[0], StringComparison.Ordinal) || !name.EndsWith(parts[^1], StringComparison.Ordinal) || name.Length < parts[0].Length + parts[^1].Length)
        {
            return false;
        }

        var at = parts[0].Length;
        foreach (var part in parts[1..^1])
        {
            var found = name.IndexOf(part, at, StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }

            at = found + part.Length;
        }

        return at <= name.Length - parts[^1].Length;
    }
}
