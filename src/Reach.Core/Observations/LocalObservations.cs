using System.Net;

namespace Reach.Core.Observations;

/// <summary>
/// All that `reach local PORT` read: who listens on the port, and how this host's firewall treats a
/// packet from the client to it.
/// </summary>
/// <param name="Client">The packet's source: --from, or an arbitrary off-host address (TEST-NET) without it.</param>
/// <param name="ClientGiven">Whether the client was named with --from.</param>
/// <param name="LocalAddress">The address the client reaches this host at (the route's source towards the client, or the primary address).</param>
/// <param name="Listeners">Every socket on this port and protocol, on any address.</param>
/// <param name="ListenOverflows">TcpExt.ListenOverflows from /proc/net/netstat (host-wide).</param>
public sealed record LocalObservations(
    int Port,
    string Protocol,
    IPAddress Client,
    bool ClientGiven,
    IPAddress LocalAddress,
    string? InInterface,
    IReadOnlyList<Listener> Listeners,
    long? ListenOverflows,
    FirewallObservation Firewall)
{
    /// <summary>ListenOverflows read again at the end of the run: only what moved meanwhile speaks of now.</summary>
    public long? ListenOverflowsAfter { get; init; }

    /// <summary>Connections dropped on full accept queues while this check ran; null when not sampled twice.</summary>
    public long? ListenOverflowsDuring => ListenOverflows is { } before && ListenOverflowsAfter is { } after ? after - before : null;

    /// <summary>
    /// Where the packet is delivered (one per random branch), with the listeners there; null means
    /// this host at <see cref="LocalAddress"/> and <see cref="Listeners"/>, with no translation.
    /// </summary>
    public IReadOnlyList<Delivery>? Deliveries { get; init; }

    /// <summary>The kernel's drop counters of this namespace at the start of the run; null when not read.</summary>
    public DropCounters? Counters { get; init; }

    /// <summary>The same counters at the end of the run (after the watch, with --watch).</summary>
    public DropCounters? CountersAfter { get; init; }

    /// <summary>What each counter rose by while this run looked (the table's fill is the last reading's); null when not read twice.</summary>
    public DropCounters? CountersRise => Counters is { } before && CountersAfter is { } after ? after.Rise(before) : null;

    /// <summary>The last reading of the counters: the table's fill level now.</summary>
    public DropCounters? CountersNow => CountersAfter ?? Counters;

    /// <summary>net.core.somaxconn of this namespace: the cap the kernel puts on every listen() backlog; null when unread.</summary>
    public int? Somaxconn { get; init; }

    /// <summary>The scheduler state of the listeners' processes, by pid (/proc/PID/status "State:", e.g. "T (stopped)").</summary>
    public IReadOnlyDictionary<int, string> ProcessStates { get; init; } = new Dictionary<int, string>();

    /// <summary>
    /// The kernel's reverse-path check for the client's packets, one per interface they may arrive on
    /// (the one holding --to, else each interface with an address of the family); empty without --from.
    /// </summary>
    public IReadOnlyList<ReversePathProbe> ReversePaths { get; init; } = [];

    /// <summary>The distribution and tools of this host, which decide how a fix's commands are written; null when unread.</summary>
    public HostFacts? Host { get; init; }

    /// <summary>
    /// Whether this host forwards the client's family (net.ipv4.ip_forward, net.ipv6.conf.all.forwarding) while
    /// no --to was given: a router asked `reach local PORT` looks for a listener of its own, not at the flow it
    /// forwards; null when --to was given or the setting could not be read.
    /// </summary>
    public bool? RouterWithoutTo { get; init; }

    /// <summary>net.ipv6.bindv6only: whether a new IPv6 socket keeps IPv4 out unless its program says otherwise; null when unread.</summary>
    public bool? BindV6Only { get; init; }

    /// <summary>The deliveries to judge: the given ones, or this host with its own listeners.</summary>
    public IReadOnlyList<Delivery> Targets => Deliveries ?? [Delivery.ThisHost(LocalAddress, Port, InInterface, Listeners)];
}
