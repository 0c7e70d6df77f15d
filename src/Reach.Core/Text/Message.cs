namespace Reach.Core.Text;

/// <summary>
/// A sentence a person reads, as a key of the message files (Text/Messages/LANG.json) and named
/// arguments: "{names} has no carrier" keeps its words in one place per language, and a translator
/// may move "{names}" wherever the language puts it.
/// </summary>
public sealed record Message(string Key, IReadOnlyList<KeyValuePair<string, string>> Args)
{
    /// <summary>Placeholders filled by other messages, said in the same language as this one (a clause that has words of its own).</summary>
    public IReadOnlyList<KeyValuePair<string, Message>> Parts { get; init; } = [];

    /// <summary>The key of <see cref="Verbatim"/>: no language file holds it, every language says the text as it is.</summary>
    public const string VerbatimKey = "verbatim";

    /// <summary>Words that came as they are (a remote end's English JSON): said unchanged in every language.</summary>
    public bool IsVerbatim => Key == VerbatimKey;

    /// <summary>A sentence that is no key of ours: words read from elsewhere, said as they are.</summary>
    public static Message Verbatim(string text) => new(VerbatimKey, [KeyValuePair.Create("text", text)]);

    public static Message Of(string key, params (string Name, string Value)[] args) =>
        new(key, [.. args.Select(a => KeyValuePair.Create(a.Name, a.Value))]);

    /// <summary>This message with {name} filled by another message; an absent part (null) leaves nothing in its place.</summary>
    public Message With(string name, Message? part) => part is null
        ? this with { Args = [.. Args, KeyValuePair.Create(name, string.Empty)] }
        : this with { Parts = [.. Parts, KeyValuePair.Create(name, part)] };

    /// <summary>This message with one more argument.</summary>
    public Message With(string name, string value) => this with { Args = [.. Args, KeyValuePair.Create(name, value)] };

    /// <summary>Equal when the key and every argument and part are: a message is a value, wherever it was built.</summary>
    public bool Equals(Message? other) =>
        other is not null
        && Key == other.Key
        && Args.Count == other.Args.Count
        && Args.Zip(other.Args).All(a => a.First.Key == a.Second.Key && a.First.Value == a.Second.Value)
        && Parts.Count == other.Parts.Count
        && Parts.Zip(other.Parts).All(p => p.First.Key == p.Second.Key && p.First.Value.Equals(p.Second.Value));

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Key, StringComparer.Ordinal);
        foreach (var (name, value) in Args)
        {
            hash.Add(name, StringComparer.Ordinal);
            hash.Add(value, StringComparer.Ordinal);
        }

        foreach (var (name, part) in Parts)
        {
            hash.Add(name, StringComparer.Ordinal);
            hash.Add(part);
        }

        return hash.ToHashCode();
    }

    /// <summary>The English sentence, for logs and debuggers.</summary>
    public override string ToString() => Catalog.English.Format(this);
}
