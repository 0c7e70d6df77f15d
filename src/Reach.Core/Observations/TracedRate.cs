namespace Reach.Core.Observations;

/// <summary>What a rate or per-source match (limit, hashlimit, recent, connlimit, nft limit) made of the client.</summary>
/// <param name="Rule">The rule it belongs to: <c>iptables filter/INPUT rule 2</c>.</param>
/// <param name="Match">The match's text.</param>
/// <param name="Over">The client is over the limit (or on the list); null when not known.</param>
/// <param name="FromState">Decided from the state the kernel keeps for it; otherwise assumed, or from the rule's counters.</param>
/// <param name="How">The state read (the xt_recent line, the hashlimit bucket, the connection count, the counters' rise), or why none could be.</param>
public sealed record TracedRate(string Rule, string Match, bool? Over, bool FromState, string How);
