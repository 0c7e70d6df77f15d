namespace Reach.Firewall;

/// <summary>
/// A name: an interface name, where a trailing <c>*</c> matches any suffix (iptables writes <c>eth+</c>,
/// nft <c>"eth*"</c>; both are stored as <c>eth*</c>), or an address type such as <c>local</c>.
/// </summary>
public sealed record NameValue(string Pattern) : FieldValue
{
    internal override bool Matches(in FieldReading reading)
    {
        if (reading.Name is not { } name)
        {
            return false;
        }

        return Pattern.EndsWith('*')
            ? name.StartsWith(Pattern[..^1], StringComparison.Ordinal)
            : string.Equals(name, Pattern, StringComparison.Ordinal);
    }

    public override string ToString() => Pattern;
}
