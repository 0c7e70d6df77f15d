using System.Net;

namespace Reach.Firewall;

/// <summary>The options of one <c>-m recent</c> match, as iptables-save prints them.</summary>
/// <param name="Name">The list (--name, DEFAULT when not given): /proc/net/xt_recent/NAME.</param>
/// <param name="Seconds">--seconds: only timestamps this recent count.</param>
/// <param name="HitCount">--hitcount: at least this many timestamps.</param>
/// <param name="Destination">--rdest: the destination address is looked up instead of the source (--rsource).</param>
/// <param name="Mask">--mask: the address is masked before the lookup.</param>
/// <param name="Ttl">--rttl: the entry must also have the packet's TTL.</param>
/// <param name="Negated">`! --rcheck` and the like: the result is inverted.</param>
public sealed record RecentSpec(string Name, RecentCommand Command, int? Seconds, int? HitCount, bool Destination, IPAddress? Mask, bool Ttl, bool Negated);
