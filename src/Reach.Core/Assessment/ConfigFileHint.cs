using Reach.Core.Text;

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

    /// <summary>The place, as a message (a fix says it inside its own sentence, in the reader's language).</summary>
    public static Message For(string interfaceName, IReadOnlyList<string> present)
    {
        foreach (var path in present)
        {
            var key = path switch
            {
                "/etc/netplan" => "config.netplan",
                "/etc/NetworkManager/system-connections" => "config.networkmanager",
                "/etc/systemd/network" => "config.networkd",
                "/etc/network/interfaces" => "config.ifupdown",
                "/etc/sysconfig/network-scripts" => "config.ifcfg",
                _ => null,
            };
            if (key is not null)
            {
                return Message.Of(key, ("interface", interfaceName));
            }
        }

        return Message.Of("config.unknown");
    }
}
