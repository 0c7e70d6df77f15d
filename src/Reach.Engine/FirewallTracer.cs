using System.Net;
using Reach.Core.Observations;
using Reach.Firewall;
using Reach.Readers;

namespace Reach.Engine;

/// <summary>Traces one packet through this host's rules as read; the engine itself is pure.</summary>
internal static class FirewallTracer
{
    /// <summary>The trace through rules already read.</summary>
    public static FirewallObservation Trace(FirewallRules rules, Packet packet) =>
        Observe(rules, rules.Traceable ? PacketTracer.TraceAll(rules.Ruleset, packet) : [], packet);

    /// <summary>The observation for traces already made (one per random branch).</summary>
    public static FirewallObservation Observe(FirewallRules rules, IReadOnlyList<TraceResult> traces, Packet packet) =>
        new(traces.Count > 0 ? FirewallTraces.From(traces[0]) : null, [.. rules.Read, .. rules.Absent], rules.Unreadable, Describe(packet))
        {
            Branches = traces.Count > 1 ? FirewallTraces.From(traces) : [],
        };

    public static IReadOnlySet<IPAddress> LocalAddresses(IEnumerable<NetInterface> interfaces) =>
        interfaces.SelectMany(i => i.Addresses).Select(a => a.Address).ToHashSet();

    private static string Describe(Packet p)
    {
        var proto = p.Protocol switch { IpProtocol.Tcp => "tcp", IpProtocol.Udp => "udp", _ => $"proto {p.Protocol}" };
        var where = p.Direction == TrafficDirection.Output ? $" out {p.OutInterface ?? "?"}" : $" in {p.InInterface ?? "?"}";
        var src = p.SourcePort is { } sp ? $"{p.Source}:{sp}" : p.Source.ToString();
        return $"{proto} {src} → {p.Destination}:{p.DestinationPort}{where}, {p.State.ToString().ToUpperInvariant()} ({p.Direction.ToString().ToLowerInvariant()})";
    }
}
