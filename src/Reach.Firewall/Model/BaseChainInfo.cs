namespace Reach.Firewall;

/// <summary>
/// What makes a chain a base chain: its hook, priority (lower runs first), type and policy.
/// For iptables tables these come from the kernel's fixed table layout; for nft from the ruleset.
/// </summary>
/// <param name="Devices">The devices of a netdev ingress/egress chain, when read (nft -j leaves them out; `nft list chains` names them).</param>
public sealed record BaseChainInfo(
    ChainHook Hook,
    int Priority,
    ChainType Type,
    ChainPolicy Policy,
    Counters? PolicyCounters = null,
    IReadOnlyList<string>? Devices = null);
