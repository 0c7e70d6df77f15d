namespace Reach.Core.Assessment;

/// <summary>
/// The tool that wrote a chain, recognised by the names it gives its tables and chains: changes go
/// through that tool, or it puts its rules back.
/// </summary>
internal enum RuleOwner
{
    Unknown,
    /// <summary>DOCKER, DOCKER-USER, DOCKER-ISOLATION-STAGE-1/2, DOCKER-FORWARD (moby libnetwork).</summary>
    Docker,
    /// <summary>KUBE-SERVICES, KUBE-NODEPORTS, KUBE-SVC-…, KUBE-SEP-…; nft table kube-proxy.</summary>
    KubeProxy,
    /// <summary>ufw-before-input, ufw-user-input, ufw6-…</summary>
    Ufw,
    /// <summary>nft table inet firewalld; iptables chains IN_public…, INPUT_direct, filter_IN_….</summary>
    Firewalld,
    /// <summary>f2b-JAIL chains (fail2ban's iptables actions), nft table f2b-table.</summary>
    Fail2ban,
    /// <summary>nft table inet fw4 (OpenWrt's firewall4).</summary>
    OpenWrt,
}

