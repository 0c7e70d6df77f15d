namespace Reach.Firewall;

/// <summary>Which rate or state match a <see cref="RateLimitMatch"/> is.</summary>
public enum RateKind
{
    /// <summary>iptables -m limit: one token bucket for all packets; its tokens are shown nowhere.</summary>
    Limit,

    /// <summary>iptables -m hashlimit: a bucket per key, shown in /proc/net/ipt_hashlimit/NAME (ip6t_hashlimit for IPv6).</summary>
    Hashlimit,

    /// <summary>iptables -m recent: a list of sources with the times they were seen, /proc/net/xt_recent/NAME.</summary>
    Recent,

    /// <summary>iptables -m connlimit: the client's connections counted in the conntrack table.</summary>
    Connlimit,

    /// <summary>nft limit, anonymous or in a meter / dynamic set: nft shows no tokens.</summary>
    NftLimit,
}
