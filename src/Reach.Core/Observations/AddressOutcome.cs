using System.Net;
using System.Net.Sockets;

namespace Reach.Core.Observations;

/// <summary>
/// One of the target's addresses, probed as applications would try it: the kernel's route decision and
/// the SYN (and echo) to the port. <see cref="Order"/> is its place in getaddrinfo's answer (0 first).
/// </summary>
public sealed record AddressOutcome(int Order, IPAddress Address, RouteDecision? Route, TcpOutcome? Connect, PingOutcome? Ping)
{
    /// <summary>The handshake completed: an application that tries this address gets through.</summary>
    public bool Works => Connect?.Result == TcpResult.Open;

    public string Family => Address.AddressFamily == AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4";

    /// <summary>In words, for evidence and the JSON's per-address outcome.</summary>
    public string Describe() => Connect is { } c
        ? c.Describe()
        : Route is { HasRoute: false } r ? $"not sent: no route ({r.Error})" : "not probed";

    /// <summary>One word for scripts: open, refused, rejected, silent, no-route, local-error, not-probed.</summary>
    public string Outcome => Connect?.Result switch
    {
        TcpResult.Open => "open",
        TcpResult.Reset => "refused",
        TcpResult.IcmpError => "icmp-error",
        TcpResult.Silent => "silent",
        TcpResult.LocalError => "local-error",
        _ => Route is { HasRoute: false } ? "no-route" : "not-probed",
    };
}
