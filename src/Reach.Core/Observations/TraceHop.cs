using System.Net;

namespace Reach.Core.Observations;

/// <summary>
/// One TTL of a trace: who answered (a router's time-exceeded, the target's SYN-ACK or RST, an ICMP
/// error) or silence, and how many probes it took.
/// </summary>
public sealed record TraceHop(int Ttl, IPAddress? From, TcpOutcome? Outcome, int Probes)
{
    public bool Silent => From is null;

    public string Describe() => From is null
        ? $"{Ttl,2}  * (no answer to {Probes} probe{(Probes == 1 ? string.Empty : "s")})"
        : $"{Ttl,2}  {From}  {Outcome!.Ms:0.0} ms{(Outcome.Icmp is { IsTimeExceeded: false } icmp ? " " + icmp.TracerouteFlag : string.Empty)}";
}
