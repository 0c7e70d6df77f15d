namespace Reach.Firewall;

/// <summary>
/// What makes a chain a base chain: its hook, priority (lower runs first), type and policy.
/// For iptables tables these come from the kernel's fixed table layout; for nft from the ruleset.
/// </summary>
/// <param name="Device">The device of a netdev ingress/egress chain, when the dump names it.</param>
public sealed record BaseChainInfo(
    ChainHook Hook,
    int Priority,
    ChainType Type,
    ChainPolicy Policy,
    Counters? PolicyCounters = null,
    string? Device = null);
