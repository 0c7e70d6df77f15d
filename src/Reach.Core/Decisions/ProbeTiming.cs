namespace Reach.Core.Decisions;

/// <summary>
/// How long to wait for what. Silence is only worth a wait as long as an answer could still come: when
/// a round trip is known, ten of them (at least 300 ms) is plenty; when nothing is known, the whole
/// <c>--timeout</c> is the bound.
/// </summary>
public static class ProbeTiming
{
    /// <summary>The floor of a wait on silence: scheduling and a busy router's ICMP path need some slack.</summary>
    public static readonly TimeSpan MinSilenceWait = TimeSpan.FromMilliseconds(300);

    /// <summary>The floor of the wait for a confirming SYN's answer: its round trip is known by then.</summary>
    public static readonly TimeSpan MinConfirmWait = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Linux refills a host's ICMP error budget towards one destination at one token per
    /// <c>net.ipv4.icmp_ratelimit</c> (1000 ms by default; a burst of 6, inet_peer_xrlim_allow). A SYN
    /// sent this long after a rate-limited one is sure to find a token, so its REJECT shows again.
    /// </summary>
    public static readonly TimeSpan IcmpTokenInterval = TimeSpan.FromMilliseconds(1000);

    /// <summary>
    /// A Linux router answers a packet for a dead host on its LAN with ICMP host-unreachable only once its
    /// neighbour resolution gives up: <c>mcast_solicit</c> (3) probes <c>retrans_time_ms</c> (1000) apart,
    /// about 3 s (the seed's <c>3006 ms !H</c>), the same for IPv6's address-unreachable. Listen this long
    /// when such an answer can come.
    /// </summary>
    public static readonly TimeSpan LateIcmpWindow = TimeSpan.FromMilliseconds(3500);

    /// <summary>The wait on silence from something whose round trip is <paramref name="rttMs"/> (null: unknown).</summary>
    public static TimeSpan SilenceWait(double? rttMs, TimeSpan timeout) =>
        rttMs is { } rtt ? Min(timeout, Max(MinSilenceWait, TimeSpan.FromMilliseconds(10 * rtt))) : timeout;

    /// <summary>The wait for a confirming SYN to a target whose echo round trip is <paramref name="rttMs"/>.</summary>
    public static TimeSpan ConfirmWait(double rttMs, TimeSpan timeout) =>
        Min(timeout, Max(MinConfirmWait, TimeSpan.FromMilliseconds(10 * rttMs)));

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
