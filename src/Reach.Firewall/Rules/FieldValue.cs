namespace Reach.Firewall;

/// <summary>A value a match compares a packet field with: an address, a prefix, a range, a number, a name.</summary>
public abstract record FieldValue
{
    /// <summary>Whether a known reading of the field lies in this value.</summary>
    internal abstract bool Matches(in FieldReading reading);
}
