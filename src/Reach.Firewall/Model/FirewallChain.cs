namespace Reach.Firewall;

/// <summary>A chain: a base chain (attached to a hook) when <see cref="Base"/> is set, else a user chain.</summary>
public sealed record FirewallChain(string Name, BaseChainInfo? Base, IReadOnlyList<FirewallRule> Rules, long? Handle = null)
{
    public bool IsBaseChain => Base is not null;
}
