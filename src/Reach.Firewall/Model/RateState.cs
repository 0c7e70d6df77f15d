namespace Reach.Firewall;

/// <summary>
/// The state rate and per-source matches keep in the kernel, as read for the rules that name it: the
/// recent lists, the hashlimit buckets, the tracked connections (for connlimit), and the kernel's
/// clock (recent's timestamps are jiffies). A name missing from a dictionary was not read; a null
/// value was asked for and could not be read (the reason is in <see cref="Unreadable"/>).
/// </summary>
public sealed record RateState
{
    public static RateState Empty { get; } = new();

    public IReadOnlyDictionary<string, IReadOnlyList<RecentEntry>?> Recent { get; init; } = new Dictionary<string, IReadOnlyList<RecentEntry>?>();

    public IReadOnlyDictionary<string, IReadOnlyList<HashlimitEntry>?> Hashlimit { get; init; } = new Dictionary<string, IReadOnlyList<HashlimitEntry>?>();

    /// <summary>The conntrack table (/proc/net/nf_conntrack or `conntrack -L`); null when not read.</summary>
    public IReadOnlyList<TrackedConnection>? Connections { get; init; }

    /// <summary>The kernel's jiffies now (/proc/timer_list); null when unknown.</summary>
    public ulong? Jiffies { get; init; }

    /// <summary>Jiffies per second (CONFIG_HZ), as /proc/timer_list lets it be worked out; null when unknown.</summary>
    public int? Hz { get; init; }

    /// <summary>What could not be read, and why ("/proc/net/xt_recent/web: Permission denied").</summary>
    public IReadOnlyList<string> Unreadable { get; init; } = [];
}
