namespace Reach.Firewall;

/// <summary>
/// What one <c>iptables-save</c>-format text held: its tables, which tool and backend wrote it, and what
/// it said about what it could not show.
/// </summary>
/// <param name="Source">The tool name reported in results: <c>iptables</c>, <c>ip6tables</c>,
/// <c>iptables-legacy</c> or <c>ip6tables-legacy</c>.</param>
/// <param name="Label">The source label the caller passed to the parser.</param>
/// <param name="LegacyTablesPresent">iptables-nft printed "# Warning: iptables-legacy tables present":
/// a second set of tables filters packets too.</param>
/// <param name="IncompatibleTables">Tables iptables-nft printed as empty because native nft base chains
/// live in them ("# Table `nat' contains incompatible base-chains"): only nft -j shows their rules.</param>
public sealed record IptablesDump(
    string Source,
    string Label,
    IpFamily Family,
    FirewallBackend Backend,
    IReadOnlyList<FirewallTable> Tables,
    bool LegacyTablesPresent,
    IReadOnlyList<string> IncompatibleTables,
    IReadOnlyList<string> Notes);
