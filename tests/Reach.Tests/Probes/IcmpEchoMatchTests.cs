using System.Buffers.Binary;
using System.Net;
using Reach.Core.Observations;
using Reach.Probes;
using Xunit;

namespace Reach.Tests.Probes;

/// <summary>A raw ICMP socket sees every ICMP packet of the host: only ours may count.</summary>
public sealed class IcmpEchoMatchTests
{
    private static readonly IPAddress Target = IPAddress.Parse("10.1.2.5");
    private static readonly IPAddress Router = IPAddress.Parse("10.1.1.1");

    private static byte[] Ipv4Header(int protocol = 1)
    {
        var h = new byte[20];
        h[0] = 0x45;
        h[9] = (byte)protocol;
        return h;
    }

    private static byte[] Icmp(byte type, byte code, ushort id, ushort seq, byte[]? rest = null)
    {
        var p = new byte[8 + (rest?.Length ?? 0)];
        p[0] = type;
        p[1] = code;
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(4), id);
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(6), seq);
        rest?.CopyTo(p, 8);
        return p;
    }

    [Fact]
    public void Echo_reply_with_our_id_and_sequence_from_the_target_is_a_reply()
    {
        var packet = Ipv4Header().Concat(Icmp(0, 0, 42, 7)).ToArray();

        var outcome = IcmpEcho.Match(packet, false, 42, 7, Target, Target, 0.3);

        Assert.Equal(PingResult.Reply, outcome!.Result);
    }

    [Fact]
    public void Someone_elses_echo_reply_is_ignored()
    {
        var packet = Ipv4Header().Concat(Icmp(0, 0, 43, 7)).ToArray();

        Assert.Null(IcmpEcho.Match(packet, false, 42, 7, Target, Target, 0.3));
    }

    [Fact]
    public void Host_unreachable_quoting_our_request_is_an_error_from_the_router()
    {
        var quoted = Ipv4Header().Concat(Icmp(8, 0, 42, 7)).ToArray();
        var packet = Ipv4Header().Concat(Icmp(3, 1, 0, 0, quoted)).ToArray();

        var outcome = IcmpEcho.Match(packet, false, 42, 7, Target, Router, 1000);

        Assert.Equal(PingResult.Error, outcome!.Result);
        Assert.True(outcome.Icmp!.IsHostUnreachable);
        Assert.Equal(Router, outcome.Icmp.Sender);
    }

    [Fact]
    public void An_error_about_another_probe_is_ignored()
    {
        var quoted = Ipv4Header(6).Concat(new byte[8]).ToArray();
        var packet = Ipv4Header().Concat(Icmp(3, 3, 0, 0, quoted)).ToArray();

        Assert.Null(IcmpEcho.Match(packet, false, 42, 7, Target, Target, 1));
    }
}
