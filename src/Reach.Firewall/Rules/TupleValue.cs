namespace Reach.Firewall;

/// <summary>A concatenation (nft <c>10.1.1.8 . 22</c>): every part must match its field.</summary>
public sealed record TupleValue(IReadOnlyList<FieldValue> Parts) : FieldValue
{
    // A tuple is compared part by part by the evaluator, never against one reading.
    internal override bool Matches(in FieldReading reading) => false;

    public override string ToString() => string.Join(" . ", Parts);
}
