using System.Net;

namespace Reach.Engine;

/// <summary>
/// Every probe the engine uses, and its clock: the live ones by default, scripted ones in tests, so the
/// whole check runs without root and without waiting real seconds. A new kind of probe is one more
/// small interface here, with its live implementation as the default (the existing callers stay as they are).
/// </summary>
internal sealed record ProbeSet
{
    public static readonly ProbeSet Live = new() { Conversation = static (name, source) => new LiveConversationProbes(name, source) };

    /// <summary>Echo, SYN (alone or in a trace) and path MTU, from the source the kernel picks.</summary>
    public IProbes Packets { get; init; } = LiveProbes.Instance;

    /// <summary>The same probes with the SYNs' source pinned: the address a translated connection really keeps.</summary>
    public Func<IPAddress, IProbes> PacketsFromSource { get; init; } = source => new LiveProbes(source);

    /// <summary>getaddrinfo and direct questions to nameservers.</summary>
    public IDnsProbes Dns { get; init; } = LiveDnsProbes.Instance;

    /// <summary>One datagram (udp/53 of a nameserver: is anything listening?).</summary>
    public IUdpProbes Udp { get; init; } = LiveUdpProbes.Instance;

    /// <summary>A fresh ARP request or neighbour solicitation.</summary>
    public INeighbourProbes Neighbour { get; init; } = LiveNeighbourProbes.Instance;

    /// <summary>The server end's watch for the client's packets.</summary>
    public IPacketWatch Watch { get; init; } = LivePacketWatch.Instance;

    /// <summary>
    /// The first SYN that, once answered, asks the port's protocol something on the same connection (port.no-data),
    /// for a name (TLS's server_name; null for an address) and a pinned source; null: the SYN alone, as
    /// <see cref="Packets"/> sends it (a scripted network that scripts no data).
    /// </summary>
    public Func<string?, IPAddress?, IConversationProbes?> Conversation { get; init; } = static (_, _) => null;

    /// <summary>The server end's kernel drop watch: the kernel's reason for each of the flow's packets it drops.</summary>
    public IKernelWatch Kernel { get; init; } = LiveKernelWatch.Instance;

    /// <summary>Every wait and every measured duration of the engine: <see cref="TimeProvider.System"/>, or a fake one in tests.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The packet probes, from <paramref name="source"/> when one is given.</summary>
    public IProbes From(IPAddress? source) => source is null ? Packets : PacketsFromSource(source);
}
