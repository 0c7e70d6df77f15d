using System.Collections.Frozen;
using System.Reflection;
using System.Text;
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

    /// <summary>
    /// The sentence, arguments in place, in one pass over the template: a value is never read again, so
    /// an argument that itself holds "{note}" (a rule's comment, a remote end's words) stays as it came.
    /// An unknown key is shown as itself, never thrown: a report beats a crash.
    /// </summary>
    public string Format(Message message)
    {
        if (message.IsVerbatim)
        {
            return message.Args[0].Value;
        }

        var template = Template(message.Key) ?? message.Key;
        var text = new StringBuilder(template.Length + 32);
        var at = 0;
        while (at < template.Length)
        {
            var open = template.IndexOf('{', at);
            var close = open < 0 ? -1 : template.IndexOf('}', open + 1);
            if (close < 0)
            {
                break;
            }

            text.Append(template, at, open - at);
            var name = template.AsSpan(open + 1, close - open - 1);
            if (Value(message, name) is { } value)
            {
                text.Append(value);
                at = close + 1;
            }
            else
            {
                // Not a placeholder of this message: keep the brace and look again right after it.
                text.Append('{');
                at = open + 1;
            }
        }

        return text.Append(template, at, template.Length - at).ToString();
    }

    /// <summary>What fills {name}: its argument, else its part said in this language; null when the message has neither.</summary>
    private string? Value(Message message, ReadOnlySpan<char> name)
    {
        foreach (var (key, value) in message.Args)
        {
            if (name.SequenceEqual(key))
            {
                return value;
            }
        }

        foreach (var (key, part) in message.Parts)
        {
            if (name.SequenceEqual(key))
            {
                return Format(part);
            }
        }

        return null;
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
