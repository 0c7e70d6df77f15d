namespace Reach.Firewall;

/// <summary>The IP version of a packet, an iptables dump or an ipset.</summary>
public enum IpFamily
{
    IPv4,
    IPv6,
}
