using System.Net;
using System.Net.Sockets;
using Reach.Core.Targets;
using Reach.Core.Text;

namespace Reach.Core.Observations;

/// <summary>
/// All that `reach check` read and probed for one target. The assessors turn it into findings without
/// any I/O, so every branch of the judgement is testable from a hand-built or recorded instance.
/// </summary>
/// <param name="Address">The address probed: the literal target, or what the name resolved to.</param>
/// <param name="Route">The kernel's route decision for <paramref name="Address"/> (or, without one, for nothing).</param>
/// <param name="ConfigFiles">Files that govern interfaces on this host (for the fix of an interface fault).</param>
/// <param name="TargetNeighbour">For an on-link target: its ARP entry after the probes.</param>
/// <param name="LocalFirewall">This host's OUTPUT rules traced for the SYN; read only when the SYN went unanswered.</param>
public sealed record ClientObservations(
    Target Target,
    IReadOnlyList<NetInterface> Interfaces,
    IReadOnlyList<RouteEntry> Routes,
    IPAddress? Address,
    RouteDecision? Route,
    GatewayObservation? Gateway,
    DnsObservation? Dns,
    PingOutcome? TargetPing,
    TraceOutcome? Trace,
    TcpOutcome? Connect,
    IReadOnlyList<string> ConfigFiles,
    double ReadMs = 0,
    FirewallObservation? LocalFirewall = null,
    Neighbour? TargetNeighbour = null)
{
    /// <summary>Every SYN sent to the port, in order (a confirming one follows a silent first); <see cref="Connect"/> is the decisive one.</summary>
    public IReadOnlyList<TcpOutcome> Syns
    {
        get => field ?? (Connect is null ? [] : [Connect]);
        init;
    }

    /// <summary>Why the probing waited longer than usual (a late ICMP, a confirming SYN), in words.</summary>
    public IReadOnlyList<Message> Waits { get; init; } = [];

    /// <summary>The policy routing rules (`ip rule show`), read when the decision is not the main table's or refuses.</summary>
    public IReadOnlyList<string> PolicyRules { get; init; } = [];

    /// <summary>The name's other addresses (after <see cref="Address"/>, in getaddrinfo's order), each probed too.</summary>
    public IReadOnlyList<AddressOutcome> OtherAddresses { get; init; } = [];

    /// <summary>Whether big packets reach the target (asked once the port answered); null when not asked.</summary>
    public PathMtuOutcome? PathMtu { get; init; }

    /// <summary>The neighbour table (`ip neigh`), read when an on-link target did not answer (the hosts that do answer on its link) or another host answers for the gateway's address or ours (whose MAC is whose).</summary>
    public IReadOnlyList<Neighbour> LanNeighbours { get; init; } = [];

    /// <summary>What crossed the open connection after the handshake (the port's protocol asked); null when not asked.</summary>
    public DataExchange? Data { get; init; }

    /// <summary>The trace's first hop asked again after the gateway's ICMP rate limit refilled (it was silent); null when not asked.</summary>
    public TcpOutcome? FirstHopAgain { get; init; }

    /// <summary>Whether the last router that answered forwards towards the target at all (a SYN beside the target); null when not asked.</summary>
    public RouterForwarding? Forwarding { get; init; }

    /// <summary>The kernel's decision for the echo (no port): with policy routing by port it may use another gateway than the flow.</summary>
    public RouteDecision? EchoRoute { get; init; }

    /// <summary>Who else answers on this link for the default gateway's address and for this host's own (ARP probes, IPv4); null when not asked.</summary>
    public AddressClaims? Claims { get; init; }

    /// <summary>The host's neighbour tables after the probes, and again after this host asked for its neighbours once more (only when the connection did not get through and a table that has refused entries since boot is nearly full): a count that rises as it asks is the table refusing it now.</summary>
    public IReadOnlyList<NeighbourTable> NeighbourTablesBefore { get; init; } = [];

    /// <inheritdoc cref="NeighbourTablesBefore"/>
    public IReadOnlyList<NeighbourTable> NeighbourTablesAfter { get; init; } = [];

    /// <summary>The interfaces read again once the probes were done: counters that moved during the run, not since boot.</summary>
    public IReadOnlyList<NetInterface>? InterfacesAfter { get; init; }

    /// <summary>
    /// Set when this host's own nat OUTPUT translates the SYN to <see cref="Address"/> (a ClusterIP, a
    /// published port): the backends, each probed. <see cref="Route"/>, the ping, the trace and
    /// <see cref="Connect"/> are then about <see cref="ServiceTranslation.Probed"/>, the backend that decides.
    /// </summary>
    public ServiceTranslation? Service { get; init; }

    /// <summary>The distribution and tools of this host, for the commands of the fix; null when not read.</summary>
    public HostFacts? Host { get; init; }

    /// <summary>What the host's network configuration says its interfaces should have (the address, the LAN's router), for the fix.</summary>
    public IReadOnlyList<InterfaceConfig> Configured { get; init; } = [];

    /// <summary>The address the probes went to: the deciding backend of a translated service address, else <see cref="Address"/>.</summary>
    public IPAddress? Probed => Service?.Probed.Address ?? Address;

    /// <summary>
    /// The main table's default route for the target's family: until the target's address is known
    /// (DNS failed), it is the best guess of the way out.
    /// </summary>
    public RouteEntry? DefaultRoute => Routes.DefaultRoute((Address ?? Target.Address)?.AddressFamily ?? AddressFamily.InterNetwork);

    /// <summary>The interface the kernel would send through, when it would send at all.</summary>
    public NetInterface? Egress => (Route is null ? DefaultRoute?.Device : Route.Device) is { } dev ? Interfaces.FirstOrDefault(i => i.Name == dev) : null;

    /// <summary>The gateway the traffic would go through: the route decision's, or the default route's while the address is unknown.</summary>
    public IPAddress? NextHop => Route is null ? DefaultRoute?.Gateway : Route.Gateway;

    /// <summary>Whether an address is this host's own: an ICMP error "from" it was made here (an ARP failure, an OUTPUT REJECT).</summary>
    public bool IsOwnAddress(IPAddress address) => Interfaces.Own(address);

    /// <summary>Without a route, the interfaces that could have carried the traffic.</summary>
    public IReadOnlyList<NetInterface> Candidates => Egress is { } e ? [e] : Interfaces.Where(i => !i.IsLoopback).ToList();
}
