namespace Reach.Probes;

/// <summary>
/// How to send one echo request. <see cref="Size"/> is the whole IP packet (IP header, ICMP header,
/// payload), as path MTU sizes are counted; null sends the default small request. <see cref="DontFragment"/>
/// sets DF (IPv4) and forbids fragmentation (IPv6) without using the kernel's cached path MTU, so a size
/// above a learned PMTU still leaves and the path answers for itself. <see cref="Ttl"/> limits the hops.
/// </summary>
public sealed record EchoOptions(int? Size = null, bool DontFragment = false, int? Ttl = null);
