using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using Reach.Core.Decisions;
using Reach.Core.Observations;
using Reach.Probes.Native;

namespace Reach.Probes;

/// <summary>
/// After the handshake, asks what the port's protocol lets one ask harmlessly (<see cref="ServiceProtocol"/>)
/// on the same connection, and reads the kernel's TCP_INFO: a handshake proves only that a SYN went out and a
/// SYN-ACK came back; a stateful filter that sees one direction (an asymmetric return path, a
/// `--ctstate INVALID -j DROP`) lets exactly that through and drops our ACK and every byte after it. On a
/// healthy path the answer comes one round trip after the handshake.
/// </summary>
public static class DataProbe
{
    /// <summary>A server whose SYN-ACK was never acknowledged sends it again after TCP_TIMEOUT_INIT (1 s, include/net/tcp.h).</summary>
    private static readonly TimeSpan SynAckRetransmit = TimeSpan.FromMilliseconds(1200);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(1);

    /// <summary>
    /// Asks on an open connection and closes it (with an RST, as the SYN probe does: nothing half-served is
    /// left). Takes ownership of <paramref name="socket"/>. Never throws for a network outcome.
    /// </summary>
    /// <param name="serverName">The name for TLS's server_name (SNI); null or an address: none is sent.</param>
    /// <param name="handshakeMs">The handshake's round trip: silence is waited for ten of them (<see cref="ProbeTiming.SilenceWait"/>).</param>
    public static async Task<DataExchange> ExchangeAsync(Socket socket, IPEndPoint target, string? serverName, double handshakeMs, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(target);
        using var owned = socket;
        var protocol = ServiceProtocol.For(target.Port);
        var clock = Stopwatch.StartNew();
        var localPort = socket.LocalEndPoint is IPEndPoint local ? local.Port : 0;
        using var repeats = SynAckWatch.TryStart(target, localPort);
        var wait = ProbeTiming.SilenceWait(handshakeMs, timeout);
        var asked = protocol.Asked;
        string? answer = null;
        string? detail = null;
        var reset = false;
        long sent = 0;
        try
        {
            switch (protocol.Kind)
            {
                case ProtocolKind.Tls:
                    (answer, detail) = await TlsAsync(socket, serverName, wait, cancellationToken).ConfigureAwait(false);
                    break;
                case ProtocolKind.Request:
                    sent += await socket.SendAsync(protocol.Request, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                    (answer, reset) = await ReadAsync(socket, protocol, wait, cancellationToken).ConfigureAwait(false);
                    break;
                case ProtocolKind.ServerFirst:
                    (answer, reset) = await ReadAsync(socket, protocol, wait, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            reset = true;
        }
        catch (SocketException e)
        {
            detail = $"{e.Message} ({e.SocketErrorCode})";
        }

        var info = TcpInfo.Read(socket);
        if (answer is null && !reset && !Crossed(info))
        {
            // No answer and nothing acknowledged: an orderly close is the one thing every peer must
            // acknowledge, whatever its protocol (RFC 9293 3.6). Its ACK proves the path carries data.
            asked = protocol.Kind == ProtocolKind.Unknown ? asked : $"{asked}, then a FIN";
            try
            {
                socket.Shutdown(SocketShutdown.Send);
                sent += 1;
                info = await UntilCrossedAsync(socket, wait, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException e)
            {
                reset |= e.SocketErrorCode == SocketError.ConnectionReset;
            }
        }

        var ms = clock.Elapsed.TotalMilliseconds;
        if (Judge(protocol, asked, answer, reset, sent, info, null, ms, detail).Result == DataResult.Nothing && repeats is not null)
        {
            // The server's retransmitted SYN-ACK is the proof that our ACK never reached it: worth the wait,
            // which only a connection that carries nothing pays.
            while (repeats.Count < 1 && clock.Elapsed < SynAckRetransmit && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            info = TcpInfo.Read(socket) ?? info;
        }

        // Close with an RST: leave neither a TIME_WAIT here nor a half-served connection on the target.
        try
        {
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (SocketException)
        {
            // Already reset by the peer: nothing to linger on.
        }

        return Judge(protocol, asked, answer, reset, sent, info, repeats?.Count, ms,
            detail ?? (repeats is null ? "the server's SYN-ACK retransmissions were not watched (no raw socket: CAP_NET_RAW)" : null));
    }

    /// <summary>
    /// What crossed, from what the exchange saw and the kernel's TCP_INFO: an answer in the protocol; an
    /// RST after our bytes; else any acknowledgement past the SYN or any byte (or FIN) received; else nothing.
    /// Without TCP_INFO and without an answer, nothing can be said.
    /// </summary>
    /// <param name="synAckRepeats">SYN-ACKs seen after the handshake (the watch opens once connect(2) returned, so the one that completed it is not counted); null: not watched.</param>
    internal static DataExchange Judge(ServiceProtocol protocol, string asked, string? answer, bool reset, long sent, TcpInfo? info, int? synAckRepeats, double ms, string? detail)
    {
        var result = answer is not null ? DataResult.Answered
            : reset ? DataResult.Reset
            : Crossed(info) ? DataResult.Acknowledged
            : info is null ? DataResult.NotAsked
            : DataResult.Nothing;
        return new DataExchange(protocol.Name, result, asked, answer, ms)
        {
            BytesSent = sent,
            BytesAcked = Math.Max(0, (info?.BytesAcked ?? 1) - 1),
            BytesReceived = info?.BytesReceived ?? 0,
            Unacked = info?.Unacked ?? 0,
            Retransmits = info?.TotalRetrans ?? 0,
            SynAckRepeats = synAckRepeats,
            SendMss = info is { SendMss: > 0 } i ? i.SendMss : null,
            Timestamps = info is { } t && (t.Options & TcpInfo.TimestampsOption) != 0,
            Detail = info is null ? detail ?? "TCP_INFO could not be read" : detail,
        };
    }

    /// <summary>Past the handshake, the target acknowledged something of ours (data or FIN) or sent something (data or FIN).</summary>
    private static bool Crossed(TcpInfo? info) => info is { } i && (i.BytesAcked > 1 || i.BytesReceived > 0);

    private static async Task<TcpInfo?> UntilCrossedAsync(Socket socket, TimeSpan wait, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var info = TcpInfo.Read(socket);
        while (!Crossed(info) && info is not null && clock.Elapsed < wait && !cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(Poll, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            info = TcpInfo.Read(socket);
        }

        return info;
    }

    /// <summary>Reads the answer up to its first line (or its first bytes, for a binary protocol), for at most <paramref name="wait"/>.</summary>
    private static async Task<(string? Answer, bool Reset)> ReadAsync(Socket socket, ServiceProtocol protocol, TimeSpan wait, CancellationToken cancellationToken)
    {
        var buffer = new byte[ServiceProtocol.MaxAnswer];
        var length = 0;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(wait);
        try
        {
            while (!protocol.Complete(buffer.AsSpan(0, length)))
            {
                var n = await socket.ReceiveAsync(buffer.AsMemory(length), SocketFlags.None, deadline.Token).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                length += n;
            }
        }
        catch (OperationCanceledException)
        {
            // The wait is over: what arrived so far is the answer.
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            return (protocol.Describe(buffer.AsSpan(0, length)), length == 0);
        }

        return (protocol.Describe(buffer.AsSpan(0, length)), false);
    }

    /// <summary>
    /// A TLS handshake (SslStream, the system's OpenSSL): the version, the cipher suite and the certificate's
    /// subject are the answer. The certificate is not judged (any is accepted): whether data crosses is
    /// the question here, not whether this host trusts the server.
    /// </summary>
    private static async Task<(string? Answer, string? Detail)> TlsAsync(Socket socket, string? serverName, TimeSpan wait, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(wait);
        var network = new NetworkStream(socket, ownsSocket: false);
        await using (network.ConfigureAwait(false))
        {
            var tls = new SslStream(network, leaveInnerStreamOpen: true);
            await using (tls.ConfigureAwait(false))
            {
                var trust = SslPolicyErrors.None;
                try
                {
                    await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
                    {
                        TargetHost = serverName is null || IPAddress.TryParse(serverName, out _) ? string.Empty : serverName,
#pragma warning disable CA5359 // Diagnosis, not trust: no byte of ours is sent over this session; what this host thinks of the certificate is reported.
                        RemoteCertificateValidationCallback = (_, _, _, errors) =>
                        {
                            trust = errors;
                            return true;
                        },
#pragma warning restore CA5359
                    }, deadline.Token).ConfigureAwait(false);
                    var subject = tls.RemoteCertificate?.Subject is { Length: > 0 } s ? s : "none";
                    var trusted = trust == SslPolicyErrors.None ? "trusted here" : $"not trusted here: {trust}";
                    return (string.Create(CultureInfo.InvariantCulture, $"{Words(tls.SslProtocol)} ({tls.NegotiatedCipherSuite}), certificate subject {subject} ({trusted})"), null);
                }
                catch (OperationCanceledException)
                {
                    return (null, null);
                }
                catch (Exception e) when (e is System.Security.Authentication.AuthenticationException or IOException)
                {
                    // Not TLS on this port, or a handshake the server refused: bytes may still have crossed (TCP_INFO says).
                    return (null, $"TLS handshake failed: {e.Message}");
                }
            }
        }
    }

    private static string Words(System.Security.Authentication.SslProtocols p) => p switch
    {
        System.Security.Authentication.SslProtocols.Tls13 => "TLS 1.3",
        System.Security.Authentication.SslProtocols.Tls12 => "TLS 1.2",
        _ => p.ToString(),
    };
}
