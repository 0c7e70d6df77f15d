namespace Reach.Firewall;

/// <summary>What a rule does when its matches hold: a verdict, a jump, or a side effect.</summary>
public abstract record RuleAction(string Text) : RuleStatement(Text);
