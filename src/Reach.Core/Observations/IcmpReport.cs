using System.Net;
using System.Net.Sockets;

namespace Reach.Core.Observations;

/// <summary>
/// An ICMP error about one of our packets, read from the socket error queue (IP_RECVERR, ip(7)) or a
/// raw socket: who sent it, its type and code. The meaning of a code differs between ICMPv4 and ICMPv6.
/// <see cref="Mtu"/> is the next-hop MTU a "fragmentation needed" (RFC 1191: bytes 6-7) or a "packet
/// too big" (RFC 4443 §3.2: bytes 4-7) carries, when the error came from a raw socket.
/// </summary>
public sealed record IcmpReport(IPAddress Sender, int Type, int Code, int? Mtu = null)
{
    private bool V6 => Sender.AddressFamily == AddressFamily.InterNetworkV6;

    public bool IsTimeExceeded => V6 ? Type == 3 : Type == 11;

    public bool IsUnreachable => V6 ? Type == 1 : Type == 3;

    /// <summary>RFC 792 3/4 "fragmentation needed and DF set"; ICMPv6 type 2 "packet too big" (not an unreachable).</summary>
    public bool IsTooBig => V6 ? Type == 2 : Type == 3 && Code == 4;

    /// <summary>RFC 792 codes 0 and 6; ICMPv6 code 0 (no route).</summary>
    public bool IsNetUnreachable => IsUnreachable && (V6 ? Code == 0 : Code is 0 or 6);

    /// <summary>RFC 792 codes 1 and 7; ICMPv6 code 3 (address unreachable: neighbour discovery failed).</summary>
    public bool IsHostUnreachable => IsUnreachable && (V6 ? Code == 3 : Code is 1 or 7);

    /// <summary>RFC 792 code 3; ICMPv6 code 4.</summary>
    public bool IsPortUnreachable => IsUnreachable && (V6 ? Code == 4 : Code == 3);

    /// <summary>RFC 1812 codes 9, 10 and 13 (traceroute's !N-prohibited, !X, !Z, !A); ICMPv6 codes 1, 5, 6.</summary>
    public bool IsProhibited => IsUnreachable && (V6 ? Code is 1 or 5 or 6 : Code is 9 or 10 or 13);

    /// <summary>The flag traceroute(8) prints for it.</summary>
    public string TracerouteFlag => this switch
    {
        { IsNetUnreachable: true } => "!N",
        { IsHostUnreachable: true } => "!H",
        { IsPortUnreachable: true } => "!P",
        { IsProhibited: true } => "!X",
        { IsTimeExceeded: true } => string.Empty,
        _ => $"!<{Code}>",
    };

    public string Describe()
    {
        var name = this switch
        {
            { IsTimeExceeded: true } => "time-exceeded",
            { IsTooBig: true, V6: true } => Mtu is { } m6 ? $"packet-too-big, mtu {m6}" : "packet-too-big",
            { IsTooBig: true } => Mtu is { } m4 ? $"fragmentation-needed, mtu {m4}" : "fragmentation-needed",
            { IsNetUnreachable: true } => "net-unreachable",
            // RFC 4443 3.1: ICMPv6 code 3 is "address unreachable" (neighbour discovery for it failed), not a host verdict.
            { IsHostUnreachable: true, V6: true } => "address-unreachable",
            { IsHostUnreachable: true } => "host-unreachable",
            { IsPortUnreachable: true } => "port-unreachable",
            { IsProhibited: true, V6: false, Code: 13 } => "admin-prohibited",
            { IsProhibited: true, V6: false, Code: 9 } => "net-prohibited",
            { IsProhibited: true, V6: false, Code: 10 } => "host-prohibited",
            { IsProhibited: true } => "admin-prohibited",
            _ => "unreachable",
        };
        return $"ICMP{(V6 ? "v6" : string.Empty)} {name} ({Type}/{Code}) from {Sender}";
    }
}
