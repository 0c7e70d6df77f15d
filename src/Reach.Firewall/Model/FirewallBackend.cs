namespace Reach.Firewall;

/// <summary>
/// Which kernel interface holds a table: nf_tables (iptables-nft and nft) or the legacy x_tables
/// (iptables-legacy). Both can be loaded at once and both filter every packet.
/// </summary>
public enum FirewallBackend
{
    Unknown,
    NfTables,
    Legacy,
}
