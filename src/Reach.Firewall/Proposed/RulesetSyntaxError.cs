namespace Reach.Firewall;

/// <summary>Where a proposed ruleset stops being valid, and why: the first line the real tool would refuse.</summary>
/// <param name="Line">1-based line number.</param>
/// <param name="Column">1-based column, when known (nft -j prints its whole answer on one line).</param>
/// <param name="Reason">One sentence, in English (the tools' own grammar words).</param>
public sealed record RulesetSyntaxError(int Line, int? Column, string Reason);
