using System.Net;
using System.Net.Sockets;
using Reach.Core.Assessment;
using Reach.Core.Model;
using Reach.Core.Observations;
using Reach.Core.Text;

namespace Reach.Core.Fixes;

/// <summary>
/// The commands that give an interface back what it should have: up, its address, and the default route
/// that went with it. The kernel drops every route of an interface that goes down or loses its last
/// address (fib_disable_ip), and gives back only the routes of the addresses it still holds when it comes
/// up (fib_add_ifaddr): the default route must be added again, and so must IPv6 addresses (flushed on
/// down unless keep_addr_on_down). The address and the router come only from the host's configuration
/// (<see cref="InterfaceConfig"/>): no value is guessed, and without one the action is left out.
/// </summary>
internal static class InterfaceFixes
{
    /// <summary>
    /// interface.down: up, then the address and the default route the configuration names, when they are
    /// missing: the target's family first, then the other one, which went down with the link as well.
    /// </summary>
    public static IReadOnlyList<FixAction> Up(ClientObservations o, AddressFamily family)
    {
        var down = o.Egress is { AdminUp: false } e ? e : o.Candidates.FirstOrDefault(i => !i.AdminUp && !i.IsLoopback);
        if (down is null)
        {
            return [];
        }

        var config = Config(o, down.Name, family);
        var up = new FixAction(null, $"ip link set {ShellWords.Quote(down.Name)} up", Boot(down.Name, config),
            Message.Of("fix.why.link-up", ("interface", down.Name)).With("boot", BootSaid(o, down.Name, config)));
        var other = family == AddressFamily.InterNetworkV6 ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;
        return [up, .. Restore(o, down, family, config), .. Restore(o, down, other, Config(o, down.Name, other))];
    }

    /// <summary>interface.no-address: the address the configuration names, then the default route that went with the last one.</summary>
    public static IReadOnlyList<FixAction> Address(ClientObservations o, AddressFamily family)
    {
        var bare = o.Egress ?? o.Candidates.FirstOrDefault(i => i.AdminUp && !i.IsLoopback);
        return bare is null || !bare.AdminUp ? [] : Restore(o, bare, family, Config(o, bare.Name, family));
    }

    /// <summary>
    /// interface.misconfigured, interface.wrong-prefix: the configured address in place of the live one that
    /// differs from it (added first, so the interface never has none and keeps its routes), then the default
    /// route through the configured router, which the live address did not reach.
    /// </summary>
    public static IReadOnlyList<FixAction> Readdress(ClientObservations o, AddressFamily family)
    {
        if (o.Egress is not { AdminUp: true } egress || Config(o, egress.Name, family) is not { Address: { } wanted } config)
        {
            return [];
        }

        var live = Usable(egress, family).ToList();
        var wrong = live.Where(a => !(a.Address.Equals(wanted.Address) && a.PrefixLength == wanted.PrefixLength)).ToList();
        if (wrong.Count == 0 || live.Count != wrong.Count || config.Gateway is { } gw && !wanted.Contains(gw))
        {
            // The live address is what the file says, or the file's own router lies outside its address: nothing to restore from.
            return [];
        }

        var name = egress.Name;
        var said = Said(config);
        var actions = new List<FixAction> { new(null, $"ip addr add {wanted} dev {ShellWords.Quote(name)}", null, Message.Of("fix.why.address", ("interface", name), ("address", $"{wanted}")).With("config", said)) };
        actions.AddRange(wrong.Select(w => new FixAction(null, $"ip addr del {w} dev {ShellWords.Quote(name)}", null,
            Message.Of("fix.why.address-del", ("interface", name), ("address", $"{w}")).With("config", said))));
        if (config.Gateway is { } router && !(o.Probed is { } target && wanted.Contains(target)))
        {
            // replace: the old default route may have survived the change (an onlink one), or gone with the old address.
            actions.Add(Route(name, router, said, "replace"));
        }

        return actions;
    }

    /// <summary>gateway.missing: the default route through the router the configuration names for an interface that is up and on its subnet.</summary>
    public static IReadOnlyList<FixAction> DefaultRoute(ClientObservations o, AddressFamily family)
    {
        var known = o.Interfaces.Where(i => i.AdminUp && !i.IsLoopback)
            .Select(i => (Interface: i, Config: Config(o, i.Name, family)))
            .Where(x => x.Config?.Gateway is { } gw && Usable(x.Interface, family).Any(a => a.Contains(gw)))
            .ToList();
        return known.Count == 1 ? [Route(known[0].Interface.Name, known[0].Config!.Gateway!, Said(known[0].Config!), "add")] : [];
    }

    /// <summary>
    /// gateway.unreachable through the main table's default route when the configuration names another router
    /// for that interface, on its subnet: the route points where the host is not meant to send (a hand-made
    /// change, a stale DHCP router). A dead router that is the configured one gets nothing: no command here revives it.
    /// </summary>
    public static IReadOnlyList<FixAction> Repoint(ClientObservations o)
    {
        if (o.Route is not { Gateway: { } dead, Device: { } device } route || route.Table is not (null or "main")
            || o.Routes.DefaultRoute(dead.AddressFamily) is not { } main || !dead.Equals(main.Gateway) || main.Device != device
            || o.Interfaces.FirstOrDefault(i => i.Name == device) is not { } egress
            || Config(o, device, dead.AddressFamily) is not { Gateway: { } router } config || router.Equals(dead)
            || !Usable(egress, dead.AddressFamily).Any(a => a.Contains(router)))
        {
            return [];
        }

        var six = router.AddressFamily == AddressFamily.InterNetworkV6 ? "-6 " : string.Empty;
        return [new FixAction(null, $"ip {six}route replace default via {router} dev {ShellWords.Quote(device)}", null,
            Message.Of("fix.why.default-route-repoint", ("interface", device), ("gateway", $"{router}"), ("wrong", $"{dead}")).With("config", Said(config)))];
    }

    /// <summary>Whether the fix of this verdict stops short of the default route because no configuration names the router.</summary>
    public static string? RouterUnknown(ClientObservations o, AddressFamily family, string device) =>
        o.Routes.DefaultRoute(family) is null && Config(o, device, family)?.Gateway is null ? device : null;

    /// <summary>The address and the default route the configuration names, where the interface lacks them.</summary>
    private static List<FixAction> Restore(ClientObservations o, NetInterface i, AddressFamily family, InterfaceConfig? config)
    {
        var actions = new List<FixAction>();
        if (config is null)
        {
            return actions;
        }

        var said = Said(config);
        var addresses = Usable(i, family).ToList();
        if (addresses.Count == 0)
        {
            if (config.Address is not { } wanted)
            {
                // No address to give back: a route through the router could not be added without one.
                return actions;
            }

            actions.Add(new FixAction(null, $"ip addr add {wanted} dev {ShellWords.Quote(i.Name)}", null,
                Message.Of("fix.why.address", ("interface", i.Name), ("address", $"{wanted}")).With("config", said)));
            addresses.Add(wanted);
        }

        if (o.Routes.DefaultRoute(family) is null && config.Gateway is { } router && addresses.Any(a => a.Contains(router))
            && !(o.Probed is { } target && addresses.Any(a => a.Contains(target))))
        {
            actions.Add(Route(i.Name, router, said, "add"));
        }

        return actions;
    }

    private static FixAction Route(string device, IPAddress router, Message said, string verb)
    {
        var six = router.AddressFamily == AddressFamily.InterNetworkV6 ? "-6 " : string.Empty;
        return new FixAction(null, $"ip {six}route {verb} default via {router} dev {ShellWords.Quote(device)}", null,
            Message.Of("fix.why.default-route", ("interface", device), ("gateway", $"{router}")).With("config", said));
    }

    /// <summary>What brings the interface up at boot: nothing to keep when the configuration does; `auto IF` added when its stanza lacks it.</summary>
    private static string? Boot(string device, InterfaceConfig? config) =>
        config is { Auto: false, Tool: "ifupdown" } ? $"echo 'auto {device}' >> {config.Source}" : null;

    private static Message BootSaid(ClientObservations o, string device, InterfaceConfig? config) => config switch
    {
        { Auto: true } => Message.Of("fix.boot.auto", ("interface", device), ("source", config.Source)),
        { } => Message.Of("fix.boot.not-auto", ("interface", device), ("source", config.Source)),
        _ => Message.Of("fix.boot.unknown", ("interface", device)).With("file", ConfigFileHint.For(device, o.ConfigFiles)),
    };

    private static Message Said(InterfaceConfig config) => Message.Of("fix.config.source", ("source", config.Source), ("tool", config.Tool));

    /// <summary>The configuration of an interface for a family; the first stanza wins, as ifup reads them.</summary>
    private static InterfaceConfig? Config(ClientObservations o, string device, AddressFamily family) =>
        o.Configured.FirstOrDefault(c => c.Interface == device && c.Family == family);

    private static IEnumerable<InterfaceAddress> Usable(NetInterface i, AddressFamily family) =>
        i.Addresses.Where(a => a.Family == family && a.Scope != "host" && !(family == AddressFamily.InterNetworkV6 && a.Scope == "link"));
}
