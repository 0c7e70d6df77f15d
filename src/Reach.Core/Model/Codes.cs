namespace Reach.Core.Model;

/// <summary>
/// Every code reach can emit. The public contract: a code is added, never renamed. Each one is
/// documented in docs/verdicts.md and proven by a lab scenario.
/// </summary>
public static class Codes
{
    /// <summary>A check that did not run: a lower layer failed, or there was nothing to probe.</summary>
    public static Code NotChecked(Layer layer) => NotCheckedCodes[(int)layer];

    /// <summary>A check that ran but could not decide.</summary>
    public static Code Unknown(Layer layer) => UnknownCodes[(int)layer];

    /// <summary>
    /// The code of a name read back from a report (a remote end's JSON): the known instance, or — for a
    /// newer reach's code this one does not know — a code bound to the layer its name begins with. Null
    /// when the name fits no layer.
    /// </summary>
    public static Code? FromName(string name)
    {
        if (Known.Value.TryGetValue(name, out var known))
        {
            return known;
        }

        var dot = name.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && Enum.GetValues<Layer>().FirstOrDefault(l => Code.LayerName(l) == name[..dot]) is var layer && Code.LayerName(layer) == name[..dot]
            ? new Code(name, layer)
            : null;
    }

    /// <summary>
    /// A warning that costs the user time even when everything works (a dead first nameserver: every
    /// lookup waits for it): listed in a report's problems like a failure, while the verdict stays ok.
    /// </summary>
    public static bool CostsTime(Code code) => code == DnsSlow;

    /// <summary>Whether <paramref name="name"/> is a code this reach can emit (a flows file's `expect:` is checked against them).</summary>
    public static bool IsKnown(string name) => Known.Value.ContainsKey(name);

    public static readonly Code Ok = new("ok", null);
    public static readonly Code Inconclusive = new("inconclusive", null);

    public static readonly Code LinkUp = new("link.up", Layer.Link);
    public static readonly Code LinkDown = new("link.down", Layer.Link);

    public static readonly Code InterfaceUp = new("interface.up", Layer.Interface);
    public static readonly Code InterfaceDown = new("interface.down", Layer.Interface);
    public static readonly Code InterfaceNoAddress = new("interface.no-address", Layer.Interface);
    public static readonly Code InterfaceMisconfigured = new("interface.misconfigured", Layer.Interface);
    public static readonly Code InterfaceErrors = new("interface.errors", Layer.Interface);
    public static readonly Code InterfaceWrongPrefix = new("interface.wrong-prefix", Layer.Interface);
    public static readonly Code InterfaceMtuMismatch = new("interface.mtu-mismatch", Layer.Interface);
    public static readonly Code InterfaceDuplicateAddress = new("interface.duplicate-address", Layer.Interface);
    public static readonly Code InterfaceNeighbourTableFull = new("interface.neighbour-table-full", Layer.Interface);

    public static readonly Code GatewayOk = new("gateway.ok", Layer.Gateway);
    public static readonly Code GatewayOnLink = new("gateway.on-link", Layer.Gateway);
    public static readonly Code GatewayMissing = new("gateway.missing", Layer.Gateway);
    public static readonly Code GatewayUnreachable = new("gateway.unreachable", Layer.Gateway);
    public static readonly Code GatewayNotForwarding = new("gateway.not-forwarding", Layer.Gateway);
    public static readonly Code GatewayDuplicateAddress = new("gateway.duplicate-address", Layer.Gateway);

    public static readonly Code DnsOk = new("dns.ok", Layer.Dns);
    public static readonly Code DnsNotNeeded = new("dns.not-needed", Layer.Dns);
    public static readonly Code DnsNoNameserver = new("dns.no-nameserver", Layer.Dns);
    public static readonly Code DnsNameserverUnreachable = new("dns.nameserver-unreachable", Layer.Dns);
    public static readonly Code DnsNameserverDown = new("dns.nameserver-down", Layer.Dns);
    public static readonly Code DnsSearchPath = new("dns.search-path", Layer.Dns);
    public static readonly Code DnsNxdomain = new("dns.nxdomain", Layer.Dns);
    public static readonly Code DnsHostsOverride = new("dns.hosts-override", Layer.Dns);
    public static readonly Code DnsServfail = new("dns.servfail", Layer.Dns);
    public static readonly Code DnsRefused = new("dns.refused", Layer.Dns);
    public static readonly Code DnsConfigUnreadable = new("dns.config-unreadable", Layer.Dns);
    public static readonly Code DnsNsswitch = new("dns.nsswitch", Layer.Dns);
    public static readonly Code DnsSlow = new("dns.slow", Layer.Dns);

    public static readonly Code RouteOk = new("route.ok", Layer.Route);
    public static readonly Code RouteUnreachable = new("route.unreachable", Layer.Route);
    public static readonly Code RouteHostUnreachable = new("route.host-unreachable", Layer.Route);
    public static readonly Code RouteNetUnreachable = new("route.net-unreachable", Layer.Route);
    public static readonly Code RouteProhibited = new("route.prohibited", Layer.Route);
    public static readonly Code RouteNoReturn = new("route.no-return", Layer.Route);
    public static readonly Code RouteRpFilter = new("route.rp-filter", Layer.Route);

    public static readonly Code PortOpen = new("port.open", Layer.Port);
    public static readonly Code PortClosed = new("port.closed", Layer.Port);
    public static readonly Code PortRejected = new("port.rejected", Layer.Port);
    public static readonly Code PortFiltered = new("port.filtered", Layer.Port);
    public static readonly Code PortNoData = new("port.no-data", Layer.Port);

    public static readonly Code LocalFirewall = new("local.firewall", Layer.Local);
    public static readonly Code LocalOk = new("local.ok", Layer.Local);

    public static readonly Code ListenerOk = new("listener.ok", Layer.Listener);
    public static readonly Code ListenerNone = new("listener.none", Layer.Listener);
    public static readonly Code ListenerLoopbackOnly = new("listener.loopback-only", Layer.Listener);
    public static readonly Code ListenerWrongFamily = new("listener.wrong-family", Layer.Listener);
    public static readonly Code ListenerOverflow = new("listener.overflow", Layer.Listener);

    public static readonly Code FirewallOk = new("firewall.ok", Layer.Firewall);
    public static readonly Code FirewallReject = new("firewall.reject", Layer.Firewall);
    public static readonly Code FirewallDrop = new("firewall.drop", Layer.Firewall);
    public static readonly Code FirewallConntrackFull = new("firewall.conntrack-full", Layer.Firewall);
    public static readonly Code FirewallRateLimited = new("firewall.rate-limited", Layer.Firewall);

    public static readonly Code LocalRoute = new("local.route", Layer.Local);
    public static readonly Code RouteMtuBlackhole = new("route.mtu-blackhole", Layer.Route);

    // Spelled out (not built from the layer's name) so that every code of the contract appears in the
    // source as the literal docs/verdicts.md documents.
    private static readonly Code[] NotCheckedCodes =
    [
        new("link.not-checked", Layer.Link), new("interface.not-checked", Layer.Interface), new("local.not-checked", Layer.Local),
        new("gateway.not-checked", Layer.Gateway), new("dns.not-checked", Layer.Dns), new("route.not-checked", Layer.Route),
        new("port.not-checked", Layer.Port), new("listener.not-checked", Layer.Listener), new("firewall.not-checked", Layer.Firewall),
    ];

    private static readonly Code[] UnknownCodes =
    [
        new("link.unknown", Layer.Link), new("interface.unknown", Layer.Interface), new("local.unknown", Layer.Local),
        new("gateway.unknown", Layer.Gateway), new("dns.unknown", Layer.Dns), new("route.unknown", Layer.Route),
        new("port.unknown", Layer.Port), new("listener.unknown", Layer.Listener), new("firewall.unknown", Layer.Firewall),
    ];

    private static readonly Lazy<Dictionary<string, Code>> Known = new(() =>
        typeof(Codes).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Select(f => f.GetValue(null)).OfType<Code>()
            .Concat(NotCheckedCodes).Concat(UnknownCodes)
            .ToDictionary(c => c.Name, StringComparer.Ordinal));
}
