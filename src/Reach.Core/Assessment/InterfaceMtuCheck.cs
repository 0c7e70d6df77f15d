using Reach.Core.Model;
using Reach.Core.Observations;
using Reach.Core.Text;

namespace Reach.Core.Assessment;

/// <summary>
/// This host's MTU against its own segment: an on-link target (no router in between) that the handshake
/// reaches but that big DF echoes never reach, while the largest that passes is below this interface's
/// MTU. Only a router sends "fragmentation needed" (RFC 1191): on one link, a frame bigger than a switch
/// port or the peer's interface accepts is dropped without a word (a Linux bridge drops it in
/// br_dev_queue_push_xmit, a switch ASIC counts it as oversize). The hosts of the segment disagree on
/// the MTU (jumbo frames on some) and TCP will hang on the first full-size segment, since both ends
/// announced an MSS from their own MTU. With a router in between it is a path MTU black hole instead
/// (<see cref="RouteCheck"/>).
/// </summary>
internal static class InterfaceMtuCheck
{
    public static Finding? Assess(ClientObservations o)
    {
        if (!Applies(o, out var device, out var hole))
        {
            return null;
        }

        var target = hole.Target.ToString();
        var mtu = Words.Number(hole.PathMtu!.Value);
        var egress = Words.Number(hole.EgressMtu);
        var own = o.Interfaces.FirstOrDefault(i => i.Name == device);
        return Findings.Fail(Codes.InterfaceMtuMismatch,
            Message.Of("interface.mtu-mismatch.summary", ("interface", device), ("egress", egress), ("mtu", mtu), ("target", target)),
            Message.Of("interface.mtu-mismatch.fix", ("interface", device), ("egress", egress), ("mtu", mtu), ("target", target))
                .With("file", ConfigFileHint.For(device, o.ConfigFiles)),
            [
                new Evidence($"ip link show {device}", own is null ? $"mtu {egress}" : $"{own.Name}: mtu {Words.Number(own.Mtu)}"),
                new Evidence(o.Route!.Command, o.Route.Raw),
                new Evidence($"path MTU to {target}", hole.Describe()),
            ]);
    }

    /// <summary>Whether the black hole lies on this host's own segment: the target is on-link and answers the handshake.</summary>
    public static bool Applies(ClientObservations o) => Applies(o, out _, out _);

    private static bool Applies(ClientObservations o, out string device, out PathMtuOutcome hole)
    {
        device = string.Empty;
        hole = null!;
        if (o.Route is not { HasRoute: true, Gateway: null, IsLocal: false, Device: { } egress }
            || o.Connect is not { Result: TcpResult.Open }
            || o.PathMtu is not { Result: PathMtuResult.BlackHole, PathMtu: { } largest } measured
            || largest >= measured.EgressMtu
            // TCP's own segments fit what passes (the on-link target announced a small MSS): the connection
            // is not hit; RouteCheck's warning says the hole stays for big ICMP and UDP packets only.
            || RouteCheck.ClampedSegment(o, measured) is not null)
        {
            return false;
        }

        device = egress;
        hole = measured;
        return true;
    }
}
