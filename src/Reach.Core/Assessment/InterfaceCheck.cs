using System.Globalization;
using System.Net.Sockets;
using Reach.Core.Model;
using Reach.Core.Observations;
using Reach.Core.Text;

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
            return Findings.Fail(Codes.InterfaceNoAddress, Message.Of("interface.none.summary"),
                Message.Of("interface.none.fix"), []);
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
            return Findings.Pass(Codes.InterfaceUp, Up(ok, Usable(ok, family)).With("errors", string.Empty), evidence);
        }

        var down = candidates.Where(i => !i.AdminUp).ToList();
        if (down.Count > 0)
        {
            var name = down[0].Name;
            return Findings.Fail(Codes.InterfaceDown,
                Message.Of("interface.down.no-routes.summary", ("names", string.Join(", ", down.Select(i => i.Name)))),
                Message.Of("interface.down.fix", ("interface", name)).With("file", ConfigFileHint.For(name, o.ConfigFiles)),
                evidence);
        }

        var bare = candidates[0].Name;
        return Findings.Fail(Codes.InterfaceNoAddress,
            Message.Of("interface.up-no-address.summary", ("names", string.Join(", ", candidates.Select(i => i.Name))), ("family", FamilyName(family))),
            Message.Of("interface.no-address.fix", ("interface", bare)).With("file", ConfigFileHint.For(bare, o.ConfigFiles)), evidence);
    }

    private static Finding AssessEgress(ClientObservations o, NetInterface egress, AddressFamily family, List<Evidence> evidence)
    {
        var fileHint = ConfigFileHint.For(egress.Name, o.ConfigFiles);
        if (!egress.AdminUp)
        {
            return Findings.Fail(Codes.InterfaceDown, Message.Of("interface.down.summary", ("interface", egress.Name)),
                Message.Of("interface.down.fix", ("interface", egress.Name)).With("file", fileHint), evidence);
        }

        if (egress.IsLoopback || o.Route?.IsLocal == true)
        {
            return Findings.Pass(Codes.InterfaceUp, Message.Of("interface.own-address.summary", ("destination", o.Route?.Destination.ToString() ?? string.Empty), ("interface", egress.Name)), evidence);
        }

        var addresses = Usable(egress, family).ToList();
        if (addresses.Count == 0)
        {
            return Findings.Fail(Codes.InterfaceNoAddress, Message.Of("interface.no-address.summary", ("interface", egress.Name), ("family", FamilyName(family))),
                Message.Of("interface.no-address.fix", ("interface", egress.Name)).With("file", fileHint), evidence);
        }

        if (o.NextHop is { } gateway && !addresses.Any(a => a.Contains(gateway)) && !ReachableOnLink(o, gateway, egress, addresses))
        {
            var route = o.Route is { } r ? new Evidence(r.Command, r.Raw) : new Evidence("ip route", o.DefaultRoute!.ToString());
            return Findings.Fail(Codes.InterfaceMisconfigured,
                Message.Of("interface.misconfigured.summary", ("interface", egress.Name), ("addresses", string.Join(", ", addresses)), ("gateway", gateway.ToString())),
                Message.Of("interface.misconfigured.fix", ("interface", egress.Name), ("gateway", gateway.ToString())).With("file", fileHint),
                [.. evidence, route]);
        }


        // Counters since boot remember every error the interface ever had: only errors counted while this
        // check ran say something about now.
        var later = o.InterfacesAfter?.FirstOrDefault(i => i.Name == egress.Name)?.Counters;
        if (later is not null && later.Errors > egress.Counters.Errors)
        {
            var rx = later.RxErrors - egress.Counters.RxErrors;
            var tx = later.TxErrors - egress.Counters.TxErrors;
            return Findings.Warn(Codes.InterfaceErrors,
                Up(egress, addresses).With("errors", Message.Of("interface.up.errors-now", ("rx", Words.Number(rx)), ("tx", Words.Number(tx)))),
                Message.Of("interface.errors.fix", ("interface", egress.Name)),
                [.. evidence, new Evidence($"/sys/class/net/{egress.Name}/statistics (after the probes)", string.Create(CultureInfo.InvariantCulture, $"rx_errors {later.RxErrors}, tx_errors {later.TxErrors}"))]);
        }

        var since = egress.Counters.Errors > 0
            ? Message.Of("interface.up.no-errors-now", ("count", Words.Number(egress.Counters.Errors)))
            : Message.Of("interface.up.no-errors");
        return Findings.Pass(Codes.InterfaceUp, Up(egress, addresses).With("errors", since), evidence);
    }

    /// <summary>"eth0 is UP with 10.1.1.7/24, mtu 1500", and {errors}: what the error counters add.</summary>
    private static Message Up(NetInterface i, IEnumerable<InterfaceAddress> addresses) =>
        Message.Of("interface.up.summary", ("interface", i.Name), ("addresses", string.Join(", ", addresses)), ("mtu", Words.Number(i.Mtu)));

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
