using System.Net;

namespace Reach.Firewall;

/// <summary>One address on an xt_recent list: `src=10.1.1.7 ttl: 63 last_seen: 4295761073 oldest_pkt: 18 4295760155, …`.</summary>
/// <param name="Stamps">The times (jiffies) the address was seen, as the kernel keeps them (at most ip_pkt_list_tot).</param>
public sealed record RecentEntry(IPAddress Address, int Ttl, IReadOnlyList<ulong> Stamps, string Line);
