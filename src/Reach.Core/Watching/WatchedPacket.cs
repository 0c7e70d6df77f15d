using System.Net;

namespace Reach.Core.Watching;

/// <summary>One packet the packet socket saw.</summary>
/// <param name="AtMs">Milliseconds since the watch began.</param>
/// <param name="Interface">The interface it arrived on or left by (the packet socket's sll_ifindex).</param>
/// <param name="Local">This host's address in the packet: the SYN's destination, the answer's source.</param>
/// <param name="Detail">The packet as tcpdump would print it: "10.1.1.7:40312 > 10.1.2.5:80 SYN".</param>
public sealed record WatchedPacket(double AtMs, WatchedKind Kind, string Interface, IPAddress Local, string Detail)
{
    public bool Outgoing => Kind != WatchedKind.Syn;
}
