namespace Reach.Firewall;

/// <summary>A condition of a rule. All matches of a rule must hold for its actions to run.</summary>
public abstract record RuleMatch(string Text) : RuleStatement(Text);
