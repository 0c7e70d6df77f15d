using System.Net;
using System.Net.Sockets;
using Reach.Core.Observations;

namespace Reach.Core.Decisions;

/// <summary>
/// Whether the last router that answered forwards anything towards the target at all. Seen from the client, a
/// router whose FORWARD chain drops and a target whose INPUT chain drops look alike: the router's time-exceeded
/// comes (ip_forward checks the TTL before the FORWARD hook), then silence. One SYN to an address beside the
/// target that nobody holds tells them apart: a router that forwards it asks the link for that address, gets
/// no answer, and sends host-unreachable once its neighbour resolution gives up (about 3 s,
/// <see cref="ProbeTiming.LateIcmpWindow"/>); a router that drops forwards nothing and stays silent.
/// </summary>
public static class ForwardingProbe
{
    /// <summary>The wait for that host-unreachable: the router's neighbour resolution, as for the target's own late one (3.05-3.07 s in the lab).</summary>
    public static readonly TimeSpan Wait = ProbeTiming.LateIcmpWindow;

    /// <summary>
    /// The router after which everything was silent: the trace's last hop when it answered time-exceeded and
    /// nothing after it answered, or the first hop asked alone once its budget refilled (the trace found it
    /// silent). Null when the silence does not follow a router.
    /// </summary>
    public static IPAddress? RouterBeforeSilence(TraceOutcome? trace, TcpOutcome? firstHopAgain)
    {
        if (trace?.LastAnswering is { From: { } from } last)
        {
            var follows = !Equals(from, trace.Target) && last.Outcome?.Icmp is { IsTimeExceeded: true }
                && trace.Hops.Where(h => h.Ttl > last.Ttl).All(h => h.Silent);
            return follows ? from : null;
        }

        return firstHopAgain?.Icmp is { IsTimeExceeded: true } again ? again.Sender : null;
    }

    /// <summary>
    /// An address beside the target that a host is unlikely to hold: the target's /24 (IPv4) with its last
    /// octet's top bit flipped, or its /64 (IPv6) with its last 16 bits' top bit flipped. Never the network or
    /// broadcast address, nor .1 or .254 (where routers usually sit), nor the router itself (when known). A /24 is the
    /// narrowest prefix most LANs use; in a narrower one the address lies outside the target's link, and the
    /// answer (if any) still shows whether the router forwards.
    /// </summary>
    public static IPAddress? Beside(IPAddress target, IPAddress? router)
    {
        var bytes = target.GetAddressBytes();
        if (target.AddressFamily == AddressFamily.InterNetwork)
        {
            foreach (var flip in (byte[])[0x80, 0x40, 0xC0])
            {
                var last = (byte)(bytes[3] ^ flip);
                if (last is 0 or 1 or 254 or 255)
                {
                    continue;
                }

                var candidate = new IPAddress([bytes[0], bytes[1], bytes[2], last]);
                if (!candidate.Equals(router))
                {
                    return candidate;
                }
            }

            return null;
        }

        if (target.AddressFamily == AddressFamily.InterNetworkV6 && !target.IsIPv6LinkLocal && !IPAddress.IsLoopback(target))
        {
            bytes[14] ^= 0x80;
            var candidate = new IPAddress(bytes);
            return candidate.Equals(router) ? null : candidate;
        }

        return null;
    }

    /// <summary>
    /// What the SYN beside the target says of the router: true when something beyond it answered (host-unreachable
    /// after neighbour resolution, an RST, a SYN-ACK: the router forwarded it), false when nothing did, null when
    /// the answer proves neither (no route there, a REJECT, not sent).
    /// </summary>
    public static bool? Forwards(TcpOutcome beside) => beside.Result switch
    {
        TcpResult.Open or TcpResult.Reset => true,
        TcpResult.IcmpError when beside.Icmp is { IsHostUnreachable: true } => true,
        TcpResult.Silent => false,
        _ => null,
    };
}
