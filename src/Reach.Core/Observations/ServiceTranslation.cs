using System.Net;

namespace Reach.Core.Observations;

/// <summary>
/// The client's SYN to <paramref name="Service"/> traced through this host's own OUTPUT path, where a nat
/// OUTPUT DNAT (kube-proxy's ClusterIPs, Docker's published ports to a local address) sends it elsewhere.
/// The kernel picks one backend per connection, so a SYN to the service address proves only the one it
/// happened to pick: each backend is probed directly instead.
/// </summary>
/// <param name="Service">The address and port the client connects to.</param>
/// <param name="Backends">Every backend, in the order of the trace's branches.</param>
/// <param name="Probed">The backend probed in full (route, ping, trace, SYN): the first that failed its SYN, else the first.</param>
public sealed record ServiceTranslation(IPEndPoint Service, IReadOnlyList<ServiceBackend> Backends, IPEndPoint Probed);
