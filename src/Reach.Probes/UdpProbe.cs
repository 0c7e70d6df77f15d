using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Reach.Core.Observations;
using Reach.Probes.Native;

namespace Reach.Probes;

/// <summary>
/// One datagram on a connected UDP socket with IP_RECVERR: a reply, an ICMP error read from the error
/// queue (port-unreachable from the host proves nothing is bound there), or silence. DnsClient's
/// unconnected sockets never see that ICMP, so a stopped DNS server would otherwise look merely slow.
/// </summary>
public static class UdpProbe
{
    /// <summary>A DNS query for the root's NS records: any DNS server answers it, and it names nothing of ours.</summary>
    public static readonly byte[] DnsRootQuery = [0x52, 0x43, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 1];

    public static async Task<UdpOutcome> ExchangeAsync(IPEndPoint target, byte[] payload, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var socket = RecvErrSocket.TryOpen(target.AddressFamily, SocketType.Dgram, ProtocolType.Udp, out var error);
        if (socket is null)
        {
            return new UdpOutcome(target, UdpResult.LocalError, 0, null, error);
        }

        var clock = Stopwatch.StartNew();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await socket.ConnectAsync(target, deadline.Token).ConfigureAwait(false);
            await socket.SendAsync(payload, SocketFlags.None, deadline.Token).ConfigureAwait(false);
            var buffer = new byte[512];
            await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token).ConfigureAwait(false);
            return new UdpOutcome(target, UdpResult.Reply, clock.Elapsed.TotalMilliseconds);
        }
        catch (OperationCanceledException)
        {
            return new UdpOutcome(target, UdpResult.Silent, clock.Elapsed.TotalMilliseconds);
        }
        catch (SocketException e)
        {
            var ms = clock.Elapsed.TotalMilliseconds;
            return ErrorQueue.Drain(socket) is { } icmp
                ? new UdpOutcome(target, UdpResult.IcmpError, ms, icmp, e.SocketErrorCode.ToString())
                : new UdpOutcome(target, UdpResult.LocalError, ms, null, $"{e.Message} ({e.SocketErrorCode})");
        }
    }
}
