namespace Reach.Readers;

/// <summary>How much of the firewall to read.</summary>
public enum FirewallScope
{
    /// <summary>Every table: what a packet's whole way through this host needs.</summary>
    All,

    /// <summary>
    /// Only where addresses are translated (iptables' nat tables, nft tables with a nat chain): enough to
    /// know where this host's own connection really goes, without reading a large filter ruleset first.
    /// </summary>
    Nat,
}
