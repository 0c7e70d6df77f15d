using System.Net;

namespace Reach.Core.Observations;

/// <summary>How a UDP datagram was answered.</summary>
public enum UdpResult
{
    /// <summary>A datagram came back.</summary>
    Reply,

    /// <summary>An ICMP error about it: port-unreachable means nothing is bound to the port.</summary>
    IcmpError,

    Silent,
    LocalError,
}

/// <summary>One UDP exchange on a connected socket with the error queue on (so an ICMP answer is seen, with its sender).</summary>
public sealed record UdpOutcome(IPEndPoint Target, UdpResult Result, double Ms, IcmpReport? Icmp = null, string? Detail = null)
{
    /// <summary>The target's own stack said nothing is bound to the port (ICMP port-unreachable from the target itself).</summary>
    public bool PortClosed => Result == UdpResult.IcmpError && Icmp is { IsPortUnreachable: true } icmp && icmp.Sender.Equals(Target.Address);

    public string Describe() => Result switch
    {
        UdpResult.Reply => $"udp/{Target.Port} answered in {Ms:0.0} ms",
        UdpResult.IcmpError => $"udp/{Target.Port}: {Icmp!.Describe()}",
        UdpResult.Silent => $"udp/{Target.Port}: no answer within {Ms:0} ms",
        _ => $"udp/{Target.Port}: not sent: {Detail}",
    };
}
