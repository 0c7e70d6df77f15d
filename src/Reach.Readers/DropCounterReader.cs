using System.Globalization;
using Reach.Core.Observations;
using Reach.Readers.Parsing;
using Reach.Readers.Sources;

namespace Reach.Readers;

/// <summary>
/// Reads the kernel's drop counters of this network namespace (<see cref="DropCounters"/>): read it at
/// both ends of a run and take the rise. Cheap (three small /proc files), no privilege needed.
/// This is also the fallback of the eBPF watch: where no program can be loaded, the counters still
/// say which kind of drop rose while the client probed, if not for which flow.
/// </summary>
public sealed class DropCounterReader(ISystemSource source)
{
    public const string Netstat = "/proc/net/netstat";
    public const string ConntrackStat = "/proc/net/stat/nf_conntrack";
    public const string ConntrackCountFile = "/proc/sys/net/netfilter/nf_conntrack_count";
    public const string ConntrackMaxFile = "/proc/sys/net/netfilter/nf_conntrack_max";

    public DropCounters Read()
    {
        var netstat = NetstatParser.Parse(source.ReadFile(Netstat));
        var stat = source.ReadFile(ConntrackStat);
        var conntrack = ConntrackStatParser.Parse(stat);
        var count = Number(source.ReadFile(ConntrackCountFile));
        var sources = new List<string>();
        if (netstat.Count > 0)
        {
            sources.Add(Netstat);
        }

        if (conntrack.Count > 0)
        {
            sources.Add(ConntrackStat);
        }

        if (count is not null)
        {
            sources.Add(ConntrackCountFile);
        }

        return new DropCounters
        {
            ListenOverflows = netstat.TryGetValue("TcpExt.ListenOverflows", out var o) ? o : null,
            ListenDrops = netstat.TryGetValue("TcpExt.ListenDrops", out var d) ? d : null,
            ReversePathFilter = netstat.TryGetValue("TcpExt.IPReversePathFilter", out var rp) ? rp : null,
            ConntrackDrop = conntrack.TryGetValue("drop", out var cd) ? cd : null,
            ConntrackEarlyDrop = conntrack.TryGetValue("early_drop", out var ed) ? ed : null,
            ConntrackInsertFailed = conntrack.TryGetValue("insert_failed", out var fi) ? fi : null,
            // Without the sysctl (no conntrack in this kernel or namespace), the stat file's own count.
            ConntrackCount = count ?? (conntrack.TryGetValue("entries", out var e) ? e : null),
            ConntrackMax = Number(source.ReadFile(ConntrackMaxFile)),
            Sources = sources,
        };
    }

    private static long? Number(string? text) =>
        long.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
}
