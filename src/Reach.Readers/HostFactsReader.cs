using Reach.Core.Observations;
using Reach.Readers.Parsing;
using Reach.Readers.Sources;

namespace Reach.Readers;

/// <summary>
/// Reads <see cref="HostFacts"/>: the distribution from /etc/os-release, and each tool from the file its
/// package installs (existence only: nothing is run, nothing is asked of a daemon). The paths are the
/// packages' own, on Debian and on RHEL (usrmerge puts /sbin and /lib under /usr; both are looked at).
/// </summary>
public static class HostFactsReader
{
    private static readonly (HostTool Tool, string[] Paths)[] Markers =
    [
        (HostTool.NetfilterPersistent, ["/usr/sbin/netfilter-persistent", "/sbin/netfilter-persistent"]),
        (HostTool.IptablesServices, ["/usr/libexec/iptables/iptables.init"]),
        (HostTool.NftablesService, ["/lib/systemd/system/nftables.service", "/usr/lib/systemd/system/nftables.service"]),
        (HostTool.Firewalld, ["/usr/sbin/firewalld", "/sbin/firewalld"]),
        (HostTool.Ufw, ["/usr/sbin/ufw", "/sbin/ufw"]),
        (HostTool.SystemdResolved, ["/lib/systemd/systemd-resolved", "/usr/lib/systemd/systemd-resolved"]),
        (HostTool.NetworkManager, ["/usr/sbin/NetworkManager", "/sbin/NetworkManager"]),
    ];

    public static HostFacts Read(ISystemSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var (id, like) = OsReleaseParser.Parse(source.ReadFile("/etc/os-release") ?? source.ReadFile("/usr/lib/os-release"));
        var tools = Markers.Where(m => m.Paths.Any(source.Exists)).Select(m => m.Tool).ToHashSet();
        return new HostFacts(id, like, tools);
    }
}
