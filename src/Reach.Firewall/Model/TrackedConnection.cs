using System.Net;

namespace Reach.Firewall;

/// <summary>One conntrack entry's original direction: `tcp 6 431999 ESTABLISHED src=10.1.1.7 dst=10.1.2.5 sport=51234 dport=80 …`.</summary>
/// <param name="State">The TCP state (ESTABLISHED, TIME_WAIT, …); null for protocols without one.</param>
public sealed record TrackedConnection(string Protocol, IPAddress Source, IPAddress Destination, int? SourcePort, int? DestinationPort, string? State, string Line);
