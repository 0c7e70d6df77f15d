namespace Reach.Firewall;

/// <summary>What a proposed ruleset file holds, told from its text (<see cref="RulesetSyntax.Detect"/>).</summary>
public enum RulesetFormat
{
    /// <summary>Not one of the formats below.</summary>
    Unknown,

    /// <summary><c>iptables-save</c> output (also what <c>iptables-restore</c> reads).</summary>
    IptablesSave,

    /// <summary><c>ip6tables-save</c> output: the same grammar, IPv6 rules.</summary>
    Ip6tablesSave,

    /// <summary><c>nft -j list ruleset</c> output (libnftables-json(5)).</summary>
    NftJson,

    /// <summary><c>ipset save</c> output, for the sets iptables rules match with <c>-m set</c>.</summary>
    IpsetSave,
}
