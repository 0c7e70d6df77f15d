namespace Reach.Core.Model;

/// <summary>
/// Every code reach can emit. The public contract: a code is added, never renamed. Each one is
/// documented in docs/verdicts.md and proven by a lab scenario.
/// </summary>
public static class Codes
{
    public const string Ok = "ok";
    public const string Inconclusive = "inconclusive";

    public const string LinkUp = "link.up";
    public const string LinkDown = "link.down";

    public const string InterfaceUp = "interface.up";
    public const string InterfaceDown = "interface.down";
    public const string InterfaceNoAddress = "interface.no-address";
    public const string InterfaceMisconfigured = "interface.misconfigured";
    public const string InterfaceErrors = "interface.errors";

    public const string GatewayOk = "gateway.ok";
    public const string GatewayOnLink = "gateway.on-link";
    public const string GatewayMissing = "gateway.missing";
    public const string GatewayUnreachable = "gateway.unreachable";

    public const string DnsOk = "dns.ok";
    public const string DnsNotNeeded = "dns.not-needed";
    public const string DnsNoNameserver = "dns.no-nameserver";
    public const string DnsNameserverUnreachable = "dns.nameserver-unreachable";
    public const string DnsNameserverDown = "dns.nameserver-down";
    public const string DnsSearchPath = "dns.search-path";
    public const string DnsNxdomain = "dns.nxdomain";
    public const string DnsHostsOverride = "dns.hosts-override";
    public const string DnsServfail = "dns.servfail";
    public const string DnsRefused = "dns.refused";
    public const string DnsInconclusive = "dns.inconclusive";

    public const string RouteOk = "route.ok";
    public const string RouteUnreachable = "route.unreachable";
    public const string RouteHostUnreachable = "route.host-unreachable";
    public const string RouteNetUnreachable = "route.net-unreachable";
    public const string RouteProhibited = "route.prohibited";
    public const string RouteNoReturn = "route.no-return";

    public const string PortOpen = "port.open";
    public const string PortClosed = "port.closed";
    public const string PortRejected = "port.rejected";
    public const string PortFiltered = "port.filtered";

    public const string LocalFirewall = "local.firewall";
    public const string LocalOk = "local.ok";

    public const string ListenerOk = "listener.ok";
    public const string ListenerNone = "listener.none";
    public const string ListenerLoopbackOnly = "listener.loopback-only";
    public const string ListenerWrongFamily = "listener.wrong-family";
    public const string ListenerOverflow = "listener.overflow";
    public const string ListenerUnknown = "listener.unknown";
    public const string ListenerNotChecked = "listener.not-checked";

    public const string FirewallOk = "firewall.ok";
    public const string FirewallReject = "firewall.reject";
    public const string FirewallDrop = "firewall.drop";
    public const string FirewallUnknown = "firewall.unknown";
}
