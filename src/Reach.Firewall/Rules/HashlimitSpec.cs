namespace Reach.Firewall;

/// <summary>The options of one <c>-m hashlimit</c> match, as iptables-save prints them.</summary>
/// <param name="Name">--hashlimit-name: /proc/net/ipt_hashlimit/NAME (ip6t_hashlimit for IPv6).</param>
/// <param name="PacketsPerSecond">The rate in packets per second; null in byte mode (<c>1kb/s</c>), which is not modelled.</param>
/// <param name="ExpireSeconds">How long a bucket lives after its last packet: --hashlimit-htable-expire, or by default the rate's
/// unit (libxt_hashlimit: 1 s for /sec, 60 s for /min, 3600 s for /hour, 86400 s for /day).</param>
/// <param name="Mode">--hashlimit-mode: which of srcip, srcport, dstip, dstport make the key.</param>
public sealed record HashlimitSpec(string Name, double? PacketsPerSecond, double ExpireSeconds, IReadOnlyList<string> Mode, int SourceMask, int DestinationMask, string Rate);
