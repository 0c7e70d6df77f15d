using System.Net;

namespace Reach.Core.Observations;

/// <summary>How a TCP SYN was answered.</summary>
public enum TcpResult
{
    /// <summary>SYN-ACK: the handshake completed.</summary>
    Open,

    /// <summary>RST: ECONNREFUSED with nothing in the error queue.</summary>
    Reset,

    /// <summary>An ICMP error about the SYN (its sender and type are in <see cref="TcpOutcome.Icmp"/>).</summary>
    IcmpError,

    /// <summary>Nothing came back before the deadline.</summary>
    Silent,

    /// <summary>This host refused to send it (EPERM from its own firewall, ENETUNREACH without a route, ...).</summary>
    LocalError,
}

/// <summary>
/// One TCP connect attempt's result. <see cref="AnswerTtl"/> is the IP TTL or hop limit of the SYN-ACK or
/// RST that answered, when it was asked for and could be read (a raw socket: root): it tells an RST
/// forged by a router or by this host's own firewall from one the target sent.
/// </summary>
public sealed record TcpOutcome(IPEndPoint Target, TcpResult Result, double Ms, IcmpReport? Icmp = null, string? Detail = null, int? AnswerTtl = null)
{
    public string Describe() => Result switch
    {
        TcpResult.Open => $"SYN-ACK from {Target} in {Ms:0.0} ms",
        TcpResult.Reset => $"RST from {Target} in {Ms:0.0} ms (connection refused, no ICMP)",
        TcpResult.IcmpError => $"{Icmp!.Describe()} in {Ms:0.0} ms",
        TcpResult.Silent => $"no answer from {Target} within {Ms:0} ms",
        _ => $"not sent: {Detail}",
    };
}
