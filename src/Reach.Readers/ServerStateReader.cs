using System.Globalization;
using Reach.Readers.Sources;

namespace Reach.Readers;

/// <summary>
/// The server-side settings and process states that decide whether a packet that got past the
/// firewall is dropped anyway: rp_filter, the listen backlog cap, whether the listening process runs.
/// Plain reads of /proc; nothing is changed.
/// </summary>
public sealed class ServerStateReader(ISystemSource source)
{
    /// <summary>
    /// The effective rp_filter of an interface: "the max value from conf/{all,interface}/rp_filter is
    /// used" (ip-sysctl.rst). Null when neither can be read.
    /// </summary>
    public int? RpFilter(string iface)
    {
        var all = Int(source.ReadFile("/proc/sys/net/ipv4/conf/all/rp_filter"));
        var dev = Int(source.ReadFile($"/proc/sys/net/ipv4/conf/{iface}/rp_filter"));
        return all is null && dev is null ? null : Math.Max(all ?? 0, dev ?? 0);
    }

    /// <summary>net.core.somaxconn (per namespace): listen() backlogs above it are cut down to it.</summary>
    public int? Somaxconn() => Int(source.ReadFile("/proc/sys/net/core/somaxconn"));

    /// <summary>The "State:" line of /proc/PID/status ("S (sleeping)", "T (stopped)"); null when gone or unreadable.</summary>
    public string? ProcessState(int pid) =>
        (source.ReadFile($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status") ?? string.Empty)
            .Split('\n')
            .FirstOrDefault(l => l.StartsWith("State:", StringComparison.Ordinal))?["State:".Length..].Trim() is { Length: > 0 } state ? state : null;

    private static int? Int(string? text) =>
        int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
}
