using System.Net;
using Reach.Core.Decisions;
using Reach.Core.Observations;
using Reach.Probes;
using Reach.Probes.Native;
using Xunit;

namespace Reach.Tests.Probes;

/// <summary>What crossed after a handshake, judged from captured answers and captured TCP_INFO (Fixtures/data).</summary>
public sealed class DataProbeTests
{
    private static byte[] Load(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "data", name));

    [Fact]
    public void An_http_server_answers_head_with_its_status_line()
    {
        var http = ServiceProtocol.For(80);

        Assert.Equal(ProtocolKind.Request, http.Kind);
        Assert.Equal("HEAD / HTTP/1.0\r\n\r\n", System.Text.Encoding.ASCII.GetString(http.Request.Span));
        Assert.True(http.Complete(Load("http-head.bin")));
        Assert.Equal("HTTP/1.0 200 OK", http.Describe(Load("http-head.bin")));
    }

    [Fact]
    public void An_ssh_server_speaks_first_and_its_banner_is_the_answer()
    {
        var ssh = ServiceProtocol.For(22);

        Assert.Equal(ProtocolKind.ServerFirst, ssh.Kind);
        Assert.True(ssh.Request.IsEmpty);
        Assert.Equal("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u10", ssh.Describe(Load("ssh-banner.bin")));
    }

    [Fact]
    public void A_banner_cut_before_its_line_end_is_not_complete()
    {
        var banner = Load("ssh-banner.bin");

        Assert.False(ServiceProtocol.For(22).Complete(banner.AsSpan(0, 10)));
        Assert.True(ServiceProtocol.For(22).Complete(banner));
    }

    [Fact]
    public void Postgresql_answers_the_ssl_request_with_one_byte()
    {
        var pg = ServiceProtocol.For(5432);

        Assert.Equal(8, pg.Request.Length);
        Assert.True(pg.Complete(Load("postgres-sslrequest.bin")));
        Assert.Equal("N: the server answers, without TLS", pg.Describe(Load("postgres-sslrequest.bin")));
    }

    [Fact]
    public void A_port_nobody_knows_gets_nothing_but_a_fin()
    {
        var unknown = ServiceProtocol.For(12345);

        Assert.Equal(ProtocolKind.Unknown, unknown.Kind);
        Assert.True(unknown.Request.IsEmpty);
        Assert.Equal(ProtocolKind.Tls, ServiceProtocol.For(443).Kind);
    }

    [Fact]
    public void Control_bytes_in_an_answer_are_escaped()
    {
        Assert.Equal("220 \\x1b[31mhi", ServiceProtocol.For(25).Describe("220 \u001b[31mhi\r\n"u8));
    }

    [Fact]
    public void Tcp_info_of_a_healthy_connection_shows_our_bytes_acknowledged_and_the_answer_received()
    {
        var info = TcpInfo.Parse(Load("tcp-info-healthy.bin"));

        // The SYN counts one, then the 19 bytes of the request.
        Assert.Equal(20, info.BytesAcked);
        Assert.True(info.BytesReceived > 0);
        Assert.Equal(0, info.Unacked);
    }

    [Fact]
    public void Tcp_info_when_a_filter_drops_our_ack_shows_nothing_acknowledged_past_the_syn()
    {
        var info = TcpInfo.Parse(Load("tcp-info-no-data.bin"));

        Assert.Equal(1, info.BytesAcked);
        Assert.Equal(0, info.BytesReceived);
        Assert.Equal(1, info.Unacked);
        Assert.True(info.TotalRetrans > 0);
    }

    [Fact]
    public void Nothing_acknowledged_and_no_answer_is_nothing_crossed()
    {
        var d = DataProbe.Judge(ServiceProtocol.For(80), "HEAD / HTTP/1.0", null, false, 20, TcpInfo.Parse(Load("tcp-info-no-data.bin")), 1, 600, null);

        Assert.Equal(DataResult.Nothing, d.Result);
        Assert.False(d.Crossed);
        Assert.Equal(0, d.BytesAcked);
        Assert.Equal(1, d.SynAckRepeats);
    }

    [Fact]
    public void Bytes_acknowledged_without_an_answer_still_prove_data_crosses()
    {
        var d = DataProbe.Judge(ServiceProtocol.For(80), "HEAD / HTTP/1.0", null, false, 19, TcpInfo.Parse(Load("tcp-info-healthy.bin")), 0, 300, null);

        Assert.Equal(DataResult.Acknowledged, d.Result);
        Assert.Equal(19, d.BytesAcked);
    }

    [Fact]
    public void An_answer_decides_even_without_tcp_info()
    {
        var d = DataProbe.Judge(ServiceProtocol.For(22), "nothing", "SSH-2.0-x", false, 0, null, null, 1, null);

        Assert.Equal(DataResult.Answered, d.Result);
    }

    [Fact]
    public void Without_tcp_info_and_without_an_answer_nothing_is_claimed()
    {
        var d = DataProbe.Judge(ServiceProtocol.For(12345), "a FIN", null, false, 1, null, null, 300, null);

        Assert.Equal(DataResult.NotAsked, d.Result);
        Assert.NotNull(d.Detail);
    }

    [Fact]
    public void A_synack_seen_again_is_counted_from_a_captured_packet()
    {
        // The captured SYN-ACK (Fixtures/probes/tcp-synack-v6) matches its own endpoints and no other port.
        var c = Captured.Load("tcp-synack-v6");
        var target = new IPEndPoint(c.Sender, c.Int("port"));

        Assert.True(SynAckWatch.IsSynAck(c.Bytes, true, c.Sender, target, c.Int("local_port")));
        Assert.False(SynAckWatch.IsSynAck(c.Bytes, true, c.Sender, target, c.Int("local_port") + 1));
    }
}
