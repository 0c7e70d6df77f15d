using System.Net;
using System.Net.Sockets;

namespace Reach.Firewall;

/// <summary>
/// The packet to trace. A property left null is unknown: a rule that needs it (and whose other matches
/// hold) makes the trace inconclusive rather than guessed.
/// </summary>
public sealed record Packet
{
    public required IPAddress Source { get; init; }

    public required IPAddress Destination { get; init; }

    /// <summary>The IP protocol number (<see cref="IpProtocol"/>).</summary>
    public int Protocol { get; init; } = IpProtocol.Tcp;

    public int? SourcePort { get; init; }

    public int? DestinationPort { get; init; }

    public int? IcmpType { get; init; }

    public int? IcmpCode { get; init; }

    /// <summary>The interface the packet arrives on (Input, Forward). Ignored for Output, which has none.</summary>
    public string? InInterface { get; init; }

    /// <summary>The interface the packet leaves by (Output, Forward). Ignored for Input, which has none.</summary>
    public string? OutInterface { get; init; }

    /// <summary>
    /// The interface this host's route back to the source leaves by (for reverse-path checks: nft
    /// <c>fib saddr . iif oif</c>, rpfilter); null when not known.
    /// </summary>
    public string? ReturnInterface { get; init; }

    /// <summary>
    /// The primary address of the input interface: where REDIRECT sends the packet (nf_nat_redirect_ipv4
    /// takes the interface's first address); null when not known.
    /// </summary>
    public IPAddress? RedirectAddress { get; init; }

    /// <summary>NEW for the first packet of a connection (a first SYN), the default.</summary>
    public ConnState State { get; init; } = ConnState.New;

    public TrafficDirection Direction { get; init; } = TrafficDirection.Input;

    /// <summary>
    /// The host's own addresses, for <c>-m addrtype</c> and <c>fib daddr type</c>. When null, the destination
    /// of an Input packet is still known to be local (it is being delivered here), loopback addresses are
    /// local, and anything else is unknown.
    /// </summary>
    public IReadOnlySet<IPAddress>? LocalAddresses { get; init; }

    /// <summary>The packet mark as the packet enters the first hook.</summary>
    public uint Mark { get; init; }

    /// <summary>The connection mark; when null it is 0 for a NEW packet and unknown otherwise.</summary>
    public uint? ConnMark { get; init; }

    /// <summary>The TCP flags; when null SYN for a NEW packet, ACK for an ESTABLISHED one, else unknown.</summary>
    public TcpControlBits? TcpFlags { get; init; }

    /// <summary>What a rate match whose state cannot be read assumes about this client (state that can be read decides).</summary>
    public ClientRate Rate { get; init; } = ClientRate.Under;

    public IpFamily Family => Source.AddressFamily == AddressFamily.InterNetworkV6 ? IpFamily.IPv6 : IpFamily.IPv4;

    /// <summary>A TCP packet; by default the first SYN of a new connection coming in.</summary>
    public static Packet Tcp(IPAddress source, IPAddress destination, int destinationPort, TrafficDirection direction = TrafficDirection.Input, int? sourcePort = null) =>
        new()
        {
            Source = source,
            Destination = destination,
            Protocol = IpProtocol.Tcp,
            DestinationPort = destinationPort,
            SourcePort = sourcePort,
            Direction = direction,
        };

    public static Packet Udp(IPAddress source, IPAddress destination, int destinationPort, TrafficDirection direction = TrafficDirection.Input, int? sourcePort = null) =>
        new()
        {
            Source = source,
            Destination = destination,
            Protocol = IpProtocol.Udp,
            DestinationPort = destinationPort,
            SourcePort = sourcePort,
            Direction = direction,
        };

    /// <summary>An ICMP (or ICMPv6, by the addresses' family) echo request.</summary>
    public static Packet EchoRequest(IPAddress source, IPAddress destination, TrafficDirection direction = TrafficDirection.Input)
    {
        ArgumentNullException.ThrowIfNull(source);
        var v6 = source.AddressFamily == AddressFamily.InterNetworkV6;
        return new()
        {
            Source = source,
            Destination = destination,
            Protocol = v6 ? IpProtocol.IcmpV6 : IpProtocol.Icmp,
            IcmpType = v6 ? 128 : 8,
            IcmpCode = 0,
            Direction = direction,
        };
    }
}
