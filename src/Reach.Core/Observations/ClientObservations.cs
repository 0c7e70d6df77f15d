using System.Net;
using Reach.Core.Targets;

namespace Reach.Core.Observations;

/// <summary>
/// All that `reach check` read and probed for one target. The assessors turn it into findings without
/// any I/O, so every branch of the judgement is testable from a hand-built or recorded instance.
/// </summary>
/// <param name="Address">The address probed: the literal target, or what the name resolved to.</param>
/// <param name="Route">The kernel's route decision for <paramref name="Address"/> (or, without one, for nothing).</param>
/// <param name="ConfigFiles">Files that govern interfaces on this host (for the fix of an interface fault).</param>
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
    double ReadMs = 0)
{
    /// <summary>The interface the kernel would send through, when it would send at all.</summary>
    public NetInterface? Egress => Route?.Device is { } dev ? Interfaces.FirstOrDefault(i => i.Name == dev) : null;

    /// <summary>Without a route, the interfaces that could have carried the traffic.</summary>
    public IReadOnlyList<NetInterface> Candidates => Egress is { } e ? [e] : Interfaces.Where(i => !i.IsLoopback).ToList();
}
