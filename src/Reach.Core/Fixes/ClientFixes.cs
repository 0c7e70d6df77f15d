using System.Net.Sockets;
using Reach.Core.Model;
using Reach.Core.Observations;
using Reach.Core.Text;

namespace Reach.Core.Fixes;

/// <summary>
/// The actions of `reach check`'s verdict (reach/1 verdict.actions): commands for this host, in the order to
/// apply them, each with every value known from what was read (the rule traced, the route that refuses,
/// the address and router the host's configuration names). A fix that needs a value reach cannot know
/// gets no action for it, and <see cref="Note"/> says how to find it. Pure: observations in, commands out.
/// </summary>
public static class ClientFixes
{
    public static IReadOnlyList<FixAction> For(Verdict verdict, ClientObservations o)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        ArgumentNullException.ThrowIfNull(o);
        var family = FamilyOf(o);
        if (verdict.Code == Codes.InterfaceDown)
        {
            return InterfaceFixes.Up(o, family);
        }

        if (verdict.Code == Codes.InterfaceNoAddress)
        {
            return InterfaceFixes.Address(o, family);
        }

        if (verdict.Code == Codes.InterfaceMisconfigured || verdict.Code == Codes.InterfaceWrongPrefix)
        {
            return InterfaceFixes.Readdress(o, family);
        }

        if (verdict.Code == Codes.GatewayMissing)
        {
            return InterfaceFixes.DefaultRoute(o, o.Route?.Destination.AddressFamily ?? family);
        }

        if (verdict.Code == Codes.GatewayUnreachable)
        {
            return InterfaceFixes.Repoint(o);
        }

        if (verdict.Code == Codes.InterfaceMtuMismatch && o.Route?.Device is { } device && o.PathMtu is { PathMtu: { } mtu } measured)
        {
            // What the segment carries, as measured: the largest DF echo that reached the target.
            return [new FixAction(null, $"ip link set {ShellWords.Quote(device)} mtu {mtu}", null,
                Message.Of("fix.why.mtu", ("interface", device), ("mtu", mtu.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("target", measured.Target.ToString())))];
        }

        if (verdict.Code == Codes.DnsSearchPath)
        {
            return DnsFixes.SearchDomain(o);
        }

        if (verdict.Code == Codes.DnsHostsOverride)
        {
            return DnsFixes.StaleHosts(o);
        }

        if (verdict.Code == Codes.LocalRoute)
        {
            return RouteFixes.DeleteRefusing(o);
        }

        if (verdict.Code == Codes.LocalFirewall && o.LocalFirewall?.Trace is { Verdict: FirewallVerdict.Drop or FirewallVerdict.Reject } trace
            && (o.Connect?.Target.Address ?? o.Probed) is { } target)
        {
            // The SYN this host's OUTPUT stopped: to the target's address and port as the probe sent it.
            var flow = new FirewallFlow("tcp", o.Connect?.Target.Port ?? o.Target.Port, target, Outgoing: true);
            return FirewallFixes.For(flow, trace, o.Host ?? HostFacts.Unknown);
        }

        return [];
    }

    /// <summary>
    /// What the fix's sentence must add when the actions stop short: the interface's default route went with
    /// it, and no configuration names the LAN's router. Null when the actions are the whole fix.
    /// </summary>
    public static Message? Note(Verdict verdict, ClientObservations o, IReadOnlyList<FixAction> actions)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(actions);
        var family = verdict.Code == Codes.GatewayMissing ? o.Route?.Destination.AddressFamily ?? FamilyOf(o) : FamilyOf(o);
        var device = verdict.Code == Codes.InterfaceDown ? o.Egress is { AdminUp: false } e ? e.Name : o.Candidates.FirstOrDefault(i => !i.AdminUp && !i.IsLoopback)?.Name
            : verdict.Code == Codes.InterfaceNoAddress || verdict.Code == Codes.GatewayMissing ? (o.Egress ?? o.Candidates.FirstOrDefault(i => !i.IsLoopback))?.Name
            : null;
        if (device is null || actions.Any(a => a.Run.Contains(" default via ", StringComparison.Ordinal))
            || (o.Probed is { } target && o.Interfaces.OnSubnet(target, device)))
        {
            return null;
        }

        return InterfaceFixes.RouterUnknown(o, family, device) is { } dev
            ? Message.Of((verdict.Code == Codes.GatewayMissing ? "fix.note.router-where" : "fix.note.router-unknown") + (family == AddressFamily.InterNetworkV6 ? ".v6" : string.Empty), ("interface", dev))
            : null;
    }

    /// <summary>The family of the address probed, or of the literal target; IPv4 until a name resolves.</summary>
    private static AddressFamily FamilyOf(ClientObservations o) => (o.Probed ?? o.Target.Address)?.AddressFamily ?? AddressFamily.InterNetwork;
}
