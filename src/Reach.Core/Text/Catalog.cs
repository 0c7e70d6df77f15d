using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;

namespace Reach.Core.Text;

/// <summary>
/// The sentences of one language, read from the JSON file embedded for it (Text/Messages/LANG.json:
/// a new language is a new file). Hand-written rather than .resx: ResourceManager finds satellite
/// assemblies through CultureInfo, which InvariantGlobalization (set for the NativeAOT build) reduces
/// to the invariant culture, so "ko" could not be asked for. A key the language lacks falls back to
/// English; tests keep every language complete.
/// </summary>
public sealed class Catalog
{
    private const string Prefix = "Reach.Core.Text.Messages.";

    /// <summary>Every language a file is embedded for ("en", "ko", ...).</summary>
    public static IReadOnlyList<string> Available { get; } = typeof(Catalog).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
        .Select(n => n[Prefix.Length..^".json".Length])
        .Order(StringComparer.Ordinal)
        .ToList();

    private static readonly Lazy<Catalog> EnglishCatalog = new(() => Load("en", null));

    private static readonly Lazy<FrozenDictionary<string, Catalog>> All = new(() => Available
        .ToFrozenDictionary(l => l, l => l == "en" ? EnglishCatalog.Value : Load(l, EnglishCatalog.Value), StringComparer.Ordinal));

    private readonly FrozenDictionary<string, string> messages;
    private readonly Catalog? fallback;

    private Catalog(string language, FrozenDictionary<string, string> messages, Catalog? fallback)
    {
        Language = language;
        this.messages = messages;
        this.fallback = fallback;
    }

    public static Catalog English => EnglishCatalog.Value;

    public string Language { get; }

    /// <summary>The keys this language's own file defines.</summary>
    public IEnumerable<string> Keys => messages.Keys;

    /// <summary>The catalog of a language, English when none is embedded for it.</summary>
    public static Catalog For(string? language) =>
        language is not null && All.Value.TryGetValue(language, out var c) ? c : English;

    /// <summary>The raw text of a key, with its {placeholders}; null when neither this language nor English has it.</summary>
    public string? Template(string key) => messages.TryGetValue(key, out var t) ? t : fallback?.Template(key);

    /// <summary>The sentence, arguments in place. An unknown key is shown as itself, never thrown: a report beats a crash.</summary>
    public string Format(Message message)
    {
        if (message.IsVerbatim)
        {
            return message.Args[0].Value;
        }

        var text = Template(message.Key) ?? message.Key;
        foreach (var (name, value) in message.Args)
        {
            text = text.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }

        foreach (var (name, part) in message.Parts)
        {
            text = text.Replace("{" + name + "}", Format(part), StringComparison.Ordinal);
        }

        return text;
    }

    public string Get(string key, params (string Name, string Value)[] args) => Format(Message.Of(key, args));

    private static Catalog Load(string language, Catalog? fallback)
    {
        using var stream = typeof(Catalog).Assembly.GetManifestResourceStream(Prefix + language + ".json")
            ?? throw new InvalidOperationException($"no message file for language {language}");
        using var doc = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var messages = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in doc.RootElement.EnumerateObject())
        {
            messages[p.Name] = p.Value.GetString() ?? string.Empty;
        }

        return new Catalog(language, messages.ToFrozenDictionary(StringComparer.Ordinal), fallback);
    }
}
