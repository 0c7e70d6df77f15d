using System.Net;

namespace Reach.Core.Observations;

/// <summary>What happened to an ICMP echo request.</summary>
public enum PingResult
{
    Reply,
    Error,
    Silent,
    NotPermitted,
}

/// <summary>
/// One echo probe's result: a reply, an ICMP error (with its sender), or silence. <see cref="Ttl"/> is the
/// reply's received TTL or hop limit (null when unknown: the unprivileged fallback), which gives the hop distance.
/// </summary>
public sealed record PingOutcome(IPAddress Target, PingResult Result, double Ms, IcmpReport? Icmp = null, string? Detail = null, int? Ttl = null)
{
    public bool Replied => Result == PingResult.Reply;

    public string Describe() => Result switch
    {
        PingResult.Reply => $"echo reply from {Target} in {Ms:0.0} ms",
        PingResult.Error => Icmp!.Describe(),
        PingResult.Silent => $"no echo reply from {Target} within {Ms:0} ms",
        _ => $"ping not possible: {Detail}",
    };
}
