using System.Globalization;
using System.Net.Sockets;
using Reach.Core.Model;
using Reach.Core.Observations;

namespace Reach.Core.Assessment;

/// <summary>The seed's `ifconfig eth0` step: is the interface up, with an address and netmask that fit the gateway?</summary>
public static class InterfaceCheck
{
    public static Finding Assess(ClientObservations o)
    {
        var family = o.Address?.AddressFamily ?? AddressFamily.InterNetwork;
        var candidates = o.Candidates;
        if (candidates.Count == 0)
        {
            return Findings.Fail(Codes.InterfaceNoAddress, "there is no network interface besides loopback",
                "Add or enable a network interface.", []);
        }

        var evidence = candidates.SelectMany(i => InterfaceEvidence(i)).ToList();
        if (o.Egress is { } egress)
        {
            return AssessEgress(o, egress, family, evidence);
        }

        // No route at all: the kernel flushes routes of an interface that goes down or loses its
        // addresses, so the lack of a route often *is* an interface fault. Look for one.
        if (candidates.Any(i => i.AdminUp && Usable(i, family).Any()))
        {
            var ok = candidates.First(i => i.AdminUp && Usable(i, family).Any());
            return Findings.Pass(Codes.InterfaceUp,
                $"{ok.Name} is UP with {string.Join(", ", Usable(ok, family))}, mtu {ok.Mtu}", evidence);
        }

        var down = candidates.Where(i => !i.AdminUp).ToList();
        if (down.Count > 0)
        {
            var name = down[0].Name;
            return Findings.Fail(Codes.InterfaceDown,
                $"{string.Join(", ", down.Select(i => i.Name))} is administratively down (and so has no routes)",
                $"Bring it up: `ip link set {name} up`, and make it permanent in {ConfigFileHint.For(name, o.ConfigFiles)}.",
                evidence);
        }

        var bare = candidates[0].Name;
        return Findings.Fail(Codes.InterfaceNoAddress,
            $"{string.Join(", ", candidates.Select(i => i.Name))} is up but has no {FamilyName(family)} address",
            $"Give {bare} its address (DHCP or static) in {ConfigFileHint.For(bare, o.ConfigFiles)}.", evidence);
    }

    private static Finding AssessEgress(ClientObservations o, NetInterface egress, AddressFamily family, List<Evidence> evidence)
    {
        var fileHint = ConfigFileHint.For(egress.Name, o.ConfigFiles);
        if (!egress.AdminUp)
        {
            return Findings.Fail(Codes.InterfaceDown, $"{egress.Name} is administratively down",
                $"Bring it up: `ip link set {egress.Name} up`, and make it permanent in {fileHint}.", evidence);
        }

        if (egress.IsLoopback || o.Route?.IsLocal == true)
        {
            return Findings.Pass(Codes.InterfaceUp, $"{o.Route?.Destination} is this host's own address ({egress.Name})", evidence);
        }

        var addresses = Usable(egress, family).ToList();
        if (addresses.Count == 0)
        {
            return Findings.Fail(Codes.InterfaceNoAddress, $"{egress.Name} has no {FamilyName(family)} address",
                $"Give {egress.Name} its address (DHCP or static) in {fileHint}.", evidence);
        }

        if (o.NextHop is { } gateway && !addresses.Any(a => a.Contains(gateway)) && !ReachableOnLink(o, gateway, egress, addresses))
        {
            var route = o.Route is { } r ? new Evidence(r.Command, r.Raw) : new Evidence("ip route", o.DefaultRoute!.ToString());
            return Findings.Fail(Codes.InterfaceMisconfigured,
                $"{egress.Name} has {string.Join(", ", addresses)}, which does not contain its gateway {gateway}: the address or netmask is wrong",
                $"Correct the address/netmask of {egress.Name} so that {gateway} is on its subnet, in {fileHint}.",
                [.. evidence, route]);
        }

        var summary = $"{egress.Name} is UP with {string.Join(", ", addresses)}, mtu {egress.Mtu}";

        // Counters since boot remember every error the interface ever had: only errors counted while this
        // check ran say something about now.
        var later = o.InterfacesAfter?.FirstOrDefault(i => i.Name == egress.Name)?.Counters;
        if (later is not null && later.Errors > egress.Counters.Errors)
        {
            var rx = later.RxErrors - egress.Counters.RxErrors;
            var tx = later.TxErrors - egress.Counters.TxErrors;
            return Findings.Warn(Codes.InterfaceErrors,
                $"{summary}, but it counted {rx} receive and {tx} transmit errors while this check ran",
                $"Errors point at the cable, the NIC or a duplex mismatch: compare `ethtool -S {egress.Name}` with the switch port.",
                [.. evidence, new Evidence($"/sys/class/net/{egress.Name}/statistics (after the probes)", string.Create(CultureInfo.InvariantCulture, $"rx_errors {later.RxErrors}, tx_errors {later.TxErrors}"))]);
        }

        var since = egress.Counters.Errors > 0 ? $", no errors during this check ({egress.Counters.Errors} since boot)" : ", no errors";
        return Findings.Pass(Codes.InterfaceUp, summary + since, evidence);
    }

    /// <summary>
    /// A gateway outside the address's prefix is fine when something else puts it on-link: an IPv6
    /// link-local router (the SLAAC norm), a host route to it (clouds give a /32 plus a scope-link route
    /// to the gateway), or a host address (/32, /128) with an <c>onlink</c> gateway — the usual setup at
    /// hosting providers, where the address has no subnet at all. Only a real subnet that leaves its
    /// gateway out is the misconfiguration (the seed's wrong netmask).
    /// </summary>
    private static bool ReachableOnLink(ClientObservations o, System.Net.IPAddress gateway, NetInterface egress, List<InterfaceAddress> addresses) =>
        gateway.IsIPv6LinkLocal
        || addresses.Any(a => a.PrefixLength == (a.Family == AddressFamily.InterNetworkV6 ? 128 : 32))
        || o.Routes.Any(r => r.Gateway is null && r.Device == egress.Name && !r.IsDefault
            && (r.Destination == gateway.ToString() || r.Destination == $"{gateway}/{(gateway.AddressFamily == AddressFamily.InterNetworkV6 ? 128 : 32)}"));

    private static IEnumerable<InterfaceAddress> Usable(NetInterface i, AddressFamily family) =>
        i.Addresses.Where(a => a.Family == family && a.Scope != "host" && !(family == AddressFamily.InterNetworkV6 && a.Scope == "link"));

    private static string FamilyName(AddressFamily family) => family == AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4";

    private static IEnumerable<Evidence> InterfaceEvidence(NetInterface i)
    {
        var state = i.AdminUp ? "UP" : "DOWN";
        var addresses = i.Addresses.Count == 0 ? "no address" : string.Join(", ", i.Addresses);
        yield return new Evidence($"ip addr show {i.Name}", $"{state}, operstate {i.OperState}, mtu {i.Mtu}, {addresses}");
        var c = i.Counters;
        yield return new Evidence($"/sys/class/net/{i.Name}/statistics",
            string.Create(CultureInfo.InvariantCulture, $"rx_errors {c.RxErrors}, tx_errors {c.TxErrors}, rx_dropped {c.RxDropped}, tx_dropped {c.TxDropped}"));
    }
}
