namespace Reach.Core.Observations;

/// <summary>
/// What a host has installed that decides how a fix is written and kept across a reboot: the tool that
/// saves iptables rules, the service that loads nftables' file, a firewall manager that owns the rules.
/// </summary>
public enum HostTool
{
    /// <summary>Debian's iptables-persistent: `netfilter-persistent save` writes /etc/iptables/rules.v4 and rules.v6.</summary>
    NetfilterPersistent,

    /// <summary>RHEL's iptables-services: `service iptables save` writes /etc/sysconfig/iptables (ip6tables likewise).</summary>
    IptablesServices,

    /// <summary>nftables.service, which loads /etc/nftables.conf (Debian) or /etc/sysconfig/nftables.conf (RHEL) at boot.</summary>
    NftablesService,

    Firewalld,

    Ufw,

    SystemdResolved,

    NetworkManager,
}
