using System.Net;

namespace Reach.Firewall;

/// <summary>
/// Answers "would this host's firewall accept, drop or reject this packet, and which rule decided?"
/// by walking the packet through the recorded rules the way the kernel would. Pure: no I/O, no clock.
/// </summary>
public static class PacketTracer
{
    public static TraceResult Trace(Ruleset ruleset, Packet packet)
    {
        ArgumentNullException.ThrowIfNull(ruleset);
        ArgumentNullException.ThrowIfNull(packet);
        if (packet.Source.AddressFamily != packet.Destination.AddressFamily)
        {
            throw new ArgumentException("The source and destination addresses are of different families.", nameof(packet));
        }

        return new TraceWalker(ruleset, packet).Run();
    }

    /// <summary>
    /// The client side: would this host's own OUTPUT path (then POSTROUTING) drop or reject the first SYN
    /// of a new TCP connection to <paramref name="destination"/>:<paramref name="port"/>?
    /// </summary>
    /// <param name="source">The address the connection leaves from (the route's preferred source).</param>
    /// <param name="outInterface">The interface the route sends it out of; rules on interfaces are inconclusive without it.</param>
    public static TraceResult TraceNewTcpConnection(
        Ruleset ruleset,
        IPAddress source,
        IPAddress destination,
        int port,
        string? outInterface = null,
        IReadOnlySet<IPAddress>? localAddresses = null) =>
        Trace(ruleset, Packet.Tcp(source, destination, port, TrafficDirection.Output) with
        {
            OutInterface = outInterface,
            LocalAddresses = localAddresses,
        });
}
