namespace Reach.Core.Observations;

/// <summary>
/// One reading of the counters the kernel keeps, per network namespace, for packets it dropped on
/// purpose: a full accept queue (TcpExt.ListenOverflows, ListenDrops), the reverse-path filter
/// (TcpExt.IPReversePathFilter), a full connection-tracking table (/proc/net/stat/nf_conntrack: drop,
/// early_drop, insert_failed), with the table's fill level. Counters count since the namespace was
/// made: only the rise between two readings (<see cref="Rise"/>) speaks of now. Null: not readable.
/// </summary>
public sealed record DropCounters
{
    /// <summary>SYNs or handshakes dropped because an accept queue was full (tcp_conn_request, tcp_v4_syn_recv_sock).</summary>
    public long? ListenOverflows { get; init; }

    /// <summary>Every drop on a listening socket, overflows included (tcp_listendrop).</summary>
    public long? ListenDrops { get; init; }

    /// <summary>Packets dropped by rp_filter's reverse-path check (fib_validate_source, RFC 3704).</summary>
    public long? ReversePathFilter { get; init; }

    /// <summary>New connections dropped because the conntrack table was full and nothing could be evicted (nf_conntrack_alloc).</summary>
    public long? ConntrackDrop { get; init; }

    /// <summary>Unconfirmed (not yet assured) connections evicted to make room in a full table (early_drop).</summary>
    public long? ConntrackEarlyDrop { get; init; }

    /// <summary>Connections whose entry could not be inserted (a clash, or a full table at confirm time).</summary>
    public long? ConntrackInsertFailed { get; init; }

    /// <summary>nf_conntrack_count: entries in this namespace's table now (a level, not a counter).</summary>
    public long? ConntrackCount { get; init; }

    /// <summary>nf_conntrack_max: the most entries a namespace may hold (host-wide; 0 means no limit).</summary>
    public long? ConntrackMax { get; init; }

    /// <summary>Where each value was read, for evidence.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];

    /// <summary>Whether the table holds as many entries as it may: the next new connection needs an eviction or is dropped.</summary>
    public bool ConntrackFull => ConntrackCount is { } count && ConntrackMax is > 0 and var max && count >= max;

    /// <summary>
    /// What each counter rose by since <paramref name="before"/> (null where either reading is missing;
    /// never negative: a counter that went down was reset, which says nothing). The table's count and
    /// max are levels: they are kept from this reading.
    /// </summary>
    public DropCounters Rise(DropCounters before)
    {
        ArgumentNullException.ThrowIfNull(before);
        return this with
        {
            ListenOverflows = Delta(before.ListenOverflows, ListenOverflows),
            ListenDrops = Delta(before.ListenDrops, ListenDrops),
            ReversePathFilter = Delta(before.ReversePathFilter, ReversePathFilter),
            ConntrackDrop = Delta(before.ConntrackDrop, ConntrackDrop),
            ConntrackEarlyDrop = Delta(before.ConntrackEarlyDrop, ConntrackEarlyDrop),
            ConntrackInsertFailed = Delta(before.ConntrackInsertFailed, ConntrackInsertFailed),
        };
    }

    private static long? Delta(long? before, long? after) => before is { } b && after is { } a ? Math.Max(0, a - b) : null;
}
