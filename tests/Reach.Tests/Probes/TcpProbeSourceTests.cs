using System.Net;
using System.Net.Sockets;
using Reach.Core.Observations;
using Reach.Probes;
using Xunit;

namespace Reach.Tests.Probes;

/// <summary>
/// A SYN sent from a given source address, as a translated connection carries it (a host's connection to
/// its own published port keeps the host's address after nat OUTPUT's DNAT). On loopback, where the whole
/// 127.0.0.0/8 is local: a listener on 127.0.0.1 sees the probe come from the source it was given, and from
/// the kernel's own choice (127.0.0.1) without one.
/// </summary>
public sealed class TcpProbeSourceTests
{
    [Theory]
    [InlineData("127.0.0.2", "127.0.0.2")]
    [InlineData(null, "127.0.0.1")]
    public async Task The_listener_sees_the_probe_from_the_source_it_was_given(string? source, string seen)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(4);
        var accepting = listener.AcceptAsync(CancellationToken.None);

        var outcome = await TcpProbe.ConnectAsync((IPEndPoint)listener.LocalEndPoint!, TimeSpan.FromSeconds(2), null, false,
            source is null ? null : IPAddress.Parse(source), CancellationToken.None);

        Assert.Equal(TcpResult.Open, outcome.Result);
        using var accepted = await accepting;
        Assert.Equal(IPAddress.Parse(seen), ((IPEndPoint)accepted.RemoteEndPoint!).Address);
    }

    [Fact]
    public async Task A_source_of_the_other_family_is_left_to_the_kernel()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(4);
        var accepting = listener.AcceptAsync(CancellationToken.None);

        var outcome = await TcpProbe.ConnectAsync((IPEndPoint)listener.LocalEndPoint!, TimeSpan.FromSeconds(2), null, false,
            IPAddress.IPv6Loopback, CancellationToken.None);

        Assert.Equal(TcpResult.Open, outcome.Result);
        using var accepted = await accepting;
        Assert.Equal(IPAddress.Loopback, ((IPEndPoint)accepted.RemoteEndPoint!).Address);
    }
}
