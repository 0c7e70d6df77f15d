namespace Reach.Firewall;

/// <summary>
/// One compiled piece of a rule, in rule order: a match (<see cref="RuleMatch"/>) or an action
/// (<see cref="RuleAction"/>). <see cref="Text"/> is the fragment of the original rule it came from.
/// </summary>
public abstract record RuleStatement(string Text);
