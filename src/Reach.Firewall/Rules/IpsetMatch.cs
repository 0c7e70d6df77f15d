namespace Reach.Firewall;

/// <summary>
/// iptables <c>-m set --match-set NAME src,dst</c>: one direction flag per dimension of the set
/// (iptables-extensions(8), set).
/// </summary>
/// <param name="SourceFlags">true for <c>src</c>, false for <c>dst</c>, one per flag.</param>
public sealed record IpsetMatch(string SetName, IReadOnlyList<bool> SourceFlags, bool Negated, string Text) : RuleMatch(Text);
