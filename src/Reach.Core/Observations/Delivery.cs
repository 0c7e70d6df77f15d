using System.Net;

namespace Reach.Core.Observations;

/// <summary>
/// Where the client's packet ends up after this host's NAT and route decision, and who listens there:
/// this host at the address it was sent to (or a translated one), or another network namespace on
/// this host (a container or pod) that owns the translated address.
/// </summary>
/// <param name="Address">The address the socket must accept (null after REDIRECT: any of this host's).</param>
/// <param name="Where">Where, in words for evidence: "this host", or the namespace: "network namespace of pid 4242 (python3), /run/netns/l-ctr".</param>
/// <param name="InInterface">The interface the packet arrives on there (for device-bound listeners); null when not known.</param>
/// <param name="Listeners">Every socket on the port and protocol in that namespace.</param>
/// <param name="Probability">The chance the packet goes this way (random matches split it); 1 otherwise.</param>
/// <param name="Unknown">Why the listeners there could not be read (the address lives on another host, no namespace owns it).</param>
/// <param name="Remote">The packet is forwarded off this host: its listener is another host's.</param>
public sealed record Delivery(
    IPAddress? Address,
    int Port,
    string Where,
    string? InInterface,
    IReadOnlyList<Listener> Listeners,
    double Probability = 1,
    string? Unknown = null,
    bool Remote = false)
{
    /// <summary>Delivered to this host's own sockets (its own namespace), not a container's or another host's.</summary>
    public bool IsThisHost { get; init; }

    /// <summary>Delivered to this host's own sockets at <paramref name="address"/> (null after REDIRECT: any of this host's).</summary>
    public static Delivery ThisHost(IPAddress? address, int port, string? inInterface, IReadOnlyList<Listener> listeners, double probability = 1) =>
        new(address, port, "this host", inInterface, listeners, probability) { IsThisHost = true };
}
