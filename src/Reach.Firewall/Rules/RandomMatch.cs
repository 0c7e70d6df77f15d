namespace Reach.Firewall;

/// <summary>
/// iptables <c>-m statistic --mode random --probability P</c>: matches one packet in 1/P at random
/// (kube-proxy spreads a Service over its endpoints this way). The engine does not guess: it traces
/// both branches, each with its probability.
/// </summary>
public sealed record RandomMatch(double Probability, string Text) : RuleMatch(Text);
