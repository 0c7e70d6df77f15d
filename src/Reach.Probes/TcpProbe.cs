using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Reach.Core.Observations;
using Reach.Probes.Native;

namespace Reach.Probes;

/// <summary>
/// One TCP SYN, as the real traffic would send it, with the error queue on so that an ICMP answer is
/// told from an RST and from silence. With a TTL it is one probe of a trace.
/// </summary>
public static class TcpProbe
{
    public static Task<TcpOutcome> ConnectAsync(IPEndPoint target, TimeSpan timeout, int? ttl, CancellationToken cancellationToken) =>
        ConnectAsync(target, timeout, ttl, false, cancellationToken);

    /// <summary>
    /// As the other overload; with <paramref name="readAnswerTtl"/> the SYN-ACK's or RST's TTL is read too
    /// (<see cref="TcpOutcome.AnswerTtl"/>), which needs root: without it the outcome says so in its detail.
    /// </summary>
    public static Task<TcpOutcome> ConnectAsync(IPEndPoint target, TimeSpan timeout, int? ttl, bool readAnswerTtl, CancellationToken cancellationToken) =>
        ConnectAsync(target, timeout, ttl, readAnswerTtl, null, cancellationToken);

    /// <summary>
    /// As the other overloads, from <paramref name="source"/> when it is given: the address a connection
    /// the kernel translated would really carry. A host's connection to its own address keeps that
    /// address as its source after nat OUTPUT DNATs it to a container (ip_route_me_harder re-routes, it does
    /// not re-pick the source), while a socket to the container directly would take the bridge's address;
    /// the backend must be asked with the address it will see.
    /// </summary>
    public static Task<TcpOutcome> ConnectAsync(IPEndPoint target, TimeSpan timeout, int? ttl, bool readAnswerTtl, IPAddress? source, CancellationToken cancellationToken) =>
        ConnectAsync(target, timeout, ttl, readAnswerTtl, source, null, cancellationToken);

    /// <summary>
    /// As the other overloads; when the handshake completes and <paramref name="keepOpen"/> is given, the open
    /// socket is handed to it with the outcome, and it owns the socket from then on (to ask the port's
    /// protocol something on the same connection: <see cref="DataProbe"/>).
    /// </summary>
    public static async Task<TcpOutcome> ConnectAsync(IPEndPoint target, TimeSpan timeout, int? ttl, bool readAnswerTtl, IPAddress? source, Action<Socket, TcpOutcome>? keepOpen, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (source is not null && source.AddressFamily != target.AddressFamily)
        {
            source = null;
        }

        string? ttlUnknown = null;
        using var watch = readAnswerTtl ? TcpAnswerWatch.TryOpen(target.AddressFamily, out ttlUnknown) : null;
        var socket = RecvErrSocket.TryOpen(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp, out var error);
        if (socket is null)
        {
            return new TcpOutcome(target, TcpResult.LocalError, 0, null, error);
        }

        var handedOver = false;
        try
        {
            if (ttl is { } hops)
            {
                socket.SetSocketOption(target.AddressFamily == AddressFamily.InterNetworkV6 ? SocketOptionLevel.IPv6 : SocketOptionLevel.IP,
                    SocketOptionName.IpTimeToLive, hops);
            }

            // Close with an RST: leave neither a TIME_WAIT here nor a half-served connection on the target.
            socket.LingerState = new LingerOption(true, 0);
            if (watch is not null || source is not null)
            {
                // Our port must be known before the SYN leaves to tell our answer from others': bind first.
                try
                {
                    socket.Bind(new IPEndPoint(source ?? (target.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any), 0));
                    watch?.Start(target, ((IPEndPoint)socket.LocalEndPoint!).Port);
                }
                catch (SocketException e)
                {
                    return new TcpOutcome(target, TcpResult.LocalError, 0, null, $"{e.Message} ({e.SocketErrorCode})");
                }
            }

            var clock = Stopwatch.StartNew();

            // connect(2) has no timeout of its own: a DROP waits out tcp_syn_retries (~127 s). Always bound it.
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            try
            {
                await socket.ConnectAsync(target, deadline.Token).ConfigureAwait(false);
                var ms = clock.Elapsed.TotalMilliseconds;
                var open = new TcpOutcome(target, TcpResult.Open, ms, null, ttlUnknown, await AnswerTtlAsync(watch).ConfigureAwait(false));
                if (keepOpen is not null)
                {
                    handedOver = true;
                    keepOpen(socket, open);
                }

                return open;
            }
            catch (OperationCanceledException)
            {
                // The deadline, or a caller that has its answer elsewhere (a trace cut short after the
                // handshake): no answer so far. A command interrupted by the user checks its own token.
                return new TcpOutcome(target, TcpResult.Silent, clock.Elapsed.TotalMilliseconds);
            }
            catch (SocketException e)
            {
                var ms = clock.Elapsed.TotalMilliseconds;
                if (ErrorQueue.Drain(socket) is { } icmp)
                {
                    return new TcpOutcome(target, TcpResult.IcmpError, ms, icmp, e.SocketErrorCode.ToString());
                }

                return e.SocketErrorCode == SocketError.ConnectionRefused
                    ? new TcpOutcome(target, TcpResult.Reset, ms, null, ttlUnknown, await AnswerTtlAsync(watch).ConfigureAwait(false))
                    : new TcpOutcome(target, TcpResult.LocalError, ms, null, $"{e.Message} ({e.SocketErrorCode})");
            }
        }
        finally
        {
            if (!handedOver)
            {
                socket.Dispose();
            }
        }
    }

    // The answer is queued on the raw socket before connect(2) returns; the grace only covers reading it.
    private static async Task<int?> AnswerTtlAsync(TcpAnswerWatch? watch) =>
        watch is null ? null : await watch.TtlAsync(TimeSpan.FromMilliseconds(100)).ConfigureAwait(false);
}
