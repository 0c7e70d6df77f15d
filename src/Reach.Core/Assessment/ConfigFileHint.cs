namespace Reach.Core.Assessment;

/// <summary>Names the file that governs an interface on this host, so a fix says where to make it permanent.</summary>
public static class ConfigFileHint
{
    /// <summary>The paths a reader looks for, in the order a distribution would apply them.</summary>
    public static readonly IReadOnlyList<string> KnownPaths =
    [
        "/etc/netplan",
        "/etc/NetworkManager/system-connections",
        "/etc/systemd/network",
        "/etc/network/interfaces",
        "/etc/sysconfig/network-scripts",
    ];

    public static string For(string interfaceName, IReadOnlyList<string> present)
    {
        foreach (var path in present)
        {
            var hint = path switch
            {
                "/etc/netplan" => "its netplan file under /etc/netplan/ (then `netplan apply`)",
                "/etc/NetworkManager/system-connections" => $"its NetworkManager connection (`nmcli connection show`, `nmcli connection up` for {interfaceName})",
                "/etc/systemd/network" => "its .network file under /etc/systemd/network/ (then `networkctl reload`)",
                "/etc/network/interfaces" => $"/etc/network/interfaces (the 'iface {interfaceName}' stanza; then `ifup {interfaceName}`)",
                "/etc/sysconfig/network-scripts" => $"/etc/sysconfig/network-scripts/ifcfg-{interfaceName} (then `ifup {interfaceName}`)",
                _ => null,
            };
            if (hint is not null)
            {
                return hint;
            }
        }

        return "the host's network configuration (no netplan, NetworkManager, systemd-networkd, ifupdown or ifcfg file was found)";
    }
}
