using System.Net;
using Reach.Probes;
using Xunit;

namespace Reach.Tests.Probes;

/// <summary>Which segment on a raw TCP socket answers our SYN (captured, see Fixtures/probes/README.md).</summary>
public sealed class TcpAnswerMatchTests
{
    [Fact]
    public void The_rst_from_the_target_port_to_our_port_is_the_answer()
    {
        var rst = Captured.Load("tcp-rst-v4");

        Assert.True(TcpAnswerWatch.Matches(rst.Bytes, false, rst.Sender, new IPEndPoint(rst.Sender, rst.Int("port")), rst.Int("local_port")));
    }

    [Fact]
    public void A_segment_to_another_local_port_is_someone_elses()
    {
        var rst = Captured.Load("tcp-rst-v4");

        Assert.False(TcpAnswerWatch.Matches(rst.Bytes, false, rst.Sender, new IPEndPoint(rst.Sender, rst.Int("port")), rst.Int("local_port") + 1));
    }

    [Fact]
    public void A_segment_from_another_address_is_someone_elses()
    {
        var rst = Captured.Load("tcp-rst-v4");

        Assert.False(TcpAnswerWatch.Matches(rst.Bytes, false, rst.Sender, new IPEndPoint(IPAddress.Parse("10.77.3.9"), rst.Int("port")), rst.Int("local_port")));
    }

    [Fact]
    public void An_ipv6_syn_ack_is_the_answer_with_the_sender_from_recvmsg()
    {
        var synAck = Captured.Load("tcp-synack-v6");

        Assert.True(TcpAnswerWatch.Matches(synAck.Bytes, true, synAck.Sender, new IPEndPoint(synAck.Sender, synAck.Int("port")), synAck.Int("local_port")));
    }
}
