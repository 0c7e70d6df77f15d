namespace Reach.Firewall;

/// <summary>One option of an iptables rule with its arguments, and whether a <c>!</c> preceded it.</summary>
internal sealed record IptablesOption(string Name, bool Negated, IReadOnlyList<IptablesToken> Args)
{
    public string Arg(int i) => i < Args.Count ? Args[i].Value : "";

    public override string ToString() =>
        (Negated ? "! " : "") + Name + (Args.Count > 0 ? " " + string.Join(' ', Args) : "");
}
