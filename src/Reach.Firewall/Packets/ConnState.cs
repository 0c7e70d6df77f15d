namespace Reach.Firewall;

/// <summary>The conntrack state of the packet (iptables-extensions(8), conntrack --ctstate; nft ct state).</summary>
public enum ConnState
{
    New,
    Established,
    Related,
    Invalid,
    Untracked,
}
