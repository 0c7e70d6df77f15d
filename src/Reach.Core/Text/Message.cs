namespace Reach.Core.Text;

/// <summary>
/// A sentence a person reads, as a key of the message files (Text/Messages/LANG.json) and named
/// arguments: "{names} has no carrier" keeps its words in one place per language, and a translator
/// may move "{names}" wherever the language puts it.
/// </summary>
public sealed record Message(string Key, IReadOnlyList<KeyValuePair<string, string>> Args)
{
    public static Message Of(string key, params (string Name, string Value)[] args) =>
        new(key, [.. args.Select(a => KeyValuePair.Create(a.Name, a.Value))]);

    /// <summary>
    /// Placeholders filled with other messages, said in the same language as this one: "'{input}': {reason}"
    /// where the reason is itself a sentence ("10.1.1.255 is the broadcast address of ...").
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, Message>> Parts { get; init; } = [];

    /// <summary>This message with {name} filled by another message.</summary>
    public Message With(string name, Message part) => this with { Parts = [.. Parts, KeyValuePair.Create(name, part)] };

    /// <summary>The English sentence, for logs and debuggers.</summary>
    public override string ToString() => Catalog.English.Format(this);
}
