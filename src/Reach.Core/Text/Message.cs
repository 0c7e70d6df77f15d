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

    public static Message Of(string key, params (string Name, string Value)[] args) =>
        new(key, [.. args.Select(a => KeyValuePair.Create(a.Name, a.Value))]);

    /// <summary>This message with {name} filled by another message; an absent part (null) leaves nothing in its place.</summary>
    public Message With(string name, Message? part) => part is null
        ? this with { Args = [.. Args, KeyValuePair.Create(name, string.Empty)] }
        : this with { Parts = [.. Parts, KeyValuePair.Create(name, part)] };

    /// <summary>This message with one more argument.</summary>
    public Message With(string name, string value) => this with { Args = [.. Args, KeyValuePair.Create(name, value)] };

    /// <summary>The English sentence, for logs and debuggers.</summary>
    public override string ToString() => Catalog.English.Format(this);
}
