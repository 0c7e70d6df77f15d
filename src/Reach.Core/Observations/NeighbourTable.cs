namespace Reach.Core.Observations;

/// <summary>
/// One reading of a kernel neighbour table (`ip -j -s ntable show`: arp_cache for IPv4, ndisc_cache for IPv6):
/// how many entries it holds, its limits, and how often the kernel could not add an entry because it was full
/// (table_fulls: "neighbor table overflow!" in the kernel log, the packet that needed the entry dropped with
/// ENOBUFS). Each table is one for the whole host, shared by every network namespace (containers included),
/// and `ip ntable` shows it in every one of them (/proc/net/stat/arp_cache exists only in the host's own).
/// Read twice when a connection failed on a host whose table has overflowed since boot, around one more ask for
/// the neighbours the run needed: only the rise of <see cref="TableFulls"/> speaks of now.
/// </summary>
/// <param name="Ipv6">ndisc_cache (IPv6) rather than arp_cache (IPv4).</param>
/// <param name="Thresh3">gc_thresh3: the most entries the table may hold.</param>
public sealed record NeighbourTable(bool Ipv6, long Entries, long? Thresh1, long? Thresh2, long? Thresh3, long TableFulls)
{
    /// <summary>
    /// It has refused entries since boot and holds at least gc_thresh2 now (the kernel's soft limit, past which it
    /// collects hard and refuses at gc_thresh3): worth asking whether it refuses them now. Without the limits, the
    /// refusals alone.
    /// </summary>
    public bool NearlyFull => TableFulls > 0 && Entries >= (Thresh2 ?? Thresh3 ?? 0);

    /// <summary>How many new entries the kernel refused between <paramref name="before"/> and <paramref name="after"/> for one family; zero when a reading is missing.</summary>
    public static long Refused(IReadOnlyList<NeighbourTable> before, IReadOnlyList<NeighbourTable> after, bool ipv6) =>
        before.FirstOrDefault(t => t.Ipv6 == ipv6) is { } b && after.FirstOrDefault(t => t.Ipv6 == ipv6) is { } a && a.TableFulls > b.TableFulls
            ? a.TableFulls - b.TableFulls
            : 0;
}
