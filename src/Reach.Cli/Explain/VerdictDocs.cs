using System.Collections.Frozen;

namespace Reach.Cli.Explain;

/// <summary>
/// docs/verdicts.md (and its translations, docs/verdicts.LANG.md), embedded in the binary and read as
/// its tables: one source for the documentation and for `reach explain`, so they cannot disagree. A
/// five-column row is a verdict (meaning, evidence, fix, lab fault); a three-column row is a finding
/// that is not a problem (status, meaning). A cell may name several codes: `a`, `b`.
/// </summary>
public sealed class VerdictDocs
{
    private const string Prefix = "Reach.Cli.docs.verdicts";

    private static readonly Lazy<FrozenDictionary<string, VerdictDocs>> Loaded = new(LoadAll);

    private readonly FrozenDictionary<string, VerdictEntry> entries;

    private VerdictDocs(string language, FrozenDictionary<string, VerdictEntry> entries)
    {
        Language = language;
        this.entries = entries;
    }

    public string Language { get; }

    public IEnumerable<VerdictEntry> Entries => entries.Values.OrderBy(e => e.Code, StringComparer.Ordinal);

    /// <summary>The explanations in a language; English when that language has no translation.</summary>
    public static VerdictDocs For(string? language) =>
        language is not null && Loaded.Value.TryGetValue(language, out var d) ? d : Loaded.Value["en"];

    public VerdictEntry? Find(string code) => entries.GetValueOrDefault(code);

    /// <summary>Parses the Markdown tables of a verdicts document.</summary>
    public static VerdictDocs Parse(string language, string markdown)
    {
        var found = new Dictionary<string, VerdictEntry>(StringComparer.Ordinal);
        foreach (var line in markdown.Split('\n'))
        {
            var row = line.Trim();
            if (!row.StartsWith("| `", StringComparison.Ordinal))
            {
                continue;
            }

            var cells = row.Trim('|').Split(" | ").Select(c => c.Trim()).ToArray();
            var codes = cells[0].Split(',').Select(c => c.Trim().Trim('`')).Where(c => c.Length > 0);
            foreach (var code in codes)
            {
                var entry = cells.Length >= 5
                    ? new VerdictEntry(code, cells[1], cells[2], cells[3], cells[4], null)
                    : new VerdictEntry(code, cells.Length > 2 ? cells[2] : cells[^1], null, null, null, cells.Length > 2 ? cells[1] : null);
                found.TryAdd(code, entry);
            }
        }

        return new VerdictDocs(language, found.ToFrozenDictionary(StringComparer.Ordinal));
    }

    private static FrozenDictionary<string, VerdictDocs> LoadAll()
    {
        var all = new Dictionary<string, VerdictDocs>(StringComparer.Ordinal);
        var assembly = typeof(VerdictDocs).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            // Reach.Cli.docs.verdicts.md is English; Reach.Cli.docs.verdicts.ko.md is Korean.
            var middle = name[Prefix.Length..^".md".Length].TrimStart('.');
            var language = middle.Length == 0 ? "en" : middle;
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            all[language] = Parse(language, reader.ReadToEnd());
        }

        return all.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
