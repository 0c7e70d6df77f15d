namespace Reach.Firewall;

/// <summary>An inclusive range of numbers (ports, protocol numbers, ICMP types, marks, state bits); one number when Low == High.</summary>
public sealed record NumberValue(ulong Low, ulong High) : FieldValue
{
    public NumberValue(ulong value)
        : this(value, value)
    {
    }

    internal override bool Matches(in FieldReading reading) =>
        reading.Kind == ReadingKind.Number && reading.Number >= Low && reading.Number <= High;

    public override string ToString() => Low == High ? $"{Low}" : $"{Low}-{High}";
}
