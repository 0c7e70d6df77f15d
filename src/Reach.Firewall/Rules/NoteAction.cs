namespace Reach.Firewall;

/// <summary>An action with no effect on the verdict (LOG, NFLOG, TCPMSS, DSCP, a dynamic set update…).</summary>
public sealed record NoteAction(string Target, string Text) : RuleAction(Text);
