using System.Net;

namespace Reach.Core.Observations;

/// <summary>What happened to one sized echo request (DF, TTL): the outcomes a path MTU probe tells apart.</summary>
public enum EchoResult
{
    /// <summary>The target's echo reply.</summary>
    Reply,

    /// <summary>A router's time-exceeded: the request got that far (TTL-limited probes).</summary>
    TimeExceeded,

    /// <summary>ICMP 3/4 "fragmentation needed" or ICMPv6 type 2 "packet too big", with the next-hop MTU.</summary>
    TooBig,

    /// <summary>Any other destination-unreachable.</summary>
    Unreachable,

    /// <summary>EMSGSIZE from this host's own stack: the route or interface MTU is below the size.</summary>
    LocalTooBig,

    /// <summary>Nothing came back before the deadline.</summary>
    Silent,

    /// <summary>No raw socket (needs CAP_NET_RAW), or sendto(2) failed for another reason.</summary>
    NotSent,
}

/// <summary>
/// One sized echo probe: its size (the whole IP packet), the TTL it was sent with (null: the default),
/// and what came back: who answered, the received TTL or hop limit, the MTU a "too big" announced.
/// </summary>
public sealed record EchoOutcome(
    IPAddress Target, EchoResult Result, int Size, int? SentTtl, double Ms,
    IPAddress? From = null, int? ReceivedTtl = null, int? Mtu = null, IcmpReport? Icmp = null, int? ReplySize = null, string? Detail = null)
{
    public string Describe() => Result switch
    {
        EchoResult.Reply => $"echo reply of {ReplySize} bytes from {Target} to {Size} bytes in {Ms:0.0} ms (TTL {ReceivedTtl})",
        EchoResult.TimeExceeded => $"time-exceeded from {From} for {Size} bytes at TTL {SentTtl}",
        EchoResult.TooBig => $"{Icmp!.Describe()} for {Size} bytes",
        EchoResult.Unreachable => $"{Icmp!.Describe()} for {Size} bytes",
        EchoResult.LocalTooBig => $"{Size} bytes not sent: this host's MTU towards {Target} is smaller{(Mtu is { } m ? $" ({m})" : string.Empty)}",
        EchoResult.Silent => $"no answer to {Size} bytes{(SentTtl is { } t ? $" at TTL {t}" : string.Empty)} within {Ms:0} ms",
        _ => $"echo not sent: {Detail}",
    };
}
