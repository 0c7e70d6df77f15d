namespace Reach.Core.Observations;

/// <summary>
/// What crossed an open connection after the handshake: the question the port's protocol lets one ask
/// harmlessly (as nmap's version probes do), its answer, and what the kernel's TCP_INFO says about the
/// bytes either way. A handshake alone is no proof: a stateful filter that sees one direction lets the
/// SYN-ACK through and drops everything after it.
/// </summary>
/// <param name="Protocol">The protocol asked (http, tls, ssh, smtp, ..., or "unknown": only a FIN was sent).</param>
/// <param name="Asked">What was sent, in words ("HEAD / HTTP/1.0", "TLS ClientHello", "nothing: waited for the banner").</param>
/// <param name="Answer">The answer as evidence: the status line, the banner, the TLS version and certificate subject; null when none came.</param>
/// <param name="Ms">From the end of the handshake to the answer, or to the end of the wait.</param>
public sealed record DataExchange(string Protocol, DataResult Result, string Asked, string? Answer, double Ms)
{
    /// <summary>Bytes of ours (data and FIN) the target acknowledged (TCP_INFO tcpi_bytes_acked, less the SYN).</summary>
    public long BytesAcked { get; init; }

    /// <summary>Bytes the target sent us (tcpi_bytes_received, a FIN counts one).</summary>
    public long BytesReceived { get; init; }

    /// <summary>Bytes we sent (the question and the FIN).</summary>
    public long BytesSent { get; init; }

    /// <summary>Our segments still unacknowledged at the end (tcpi_unacked).</summary>
    public int Unacked { get; init; }

    /// <summary>Our retransmissions (tcpi_total_retrans).</summary>
    public int Retransmits { get; init; }

    /// <summary>
    /// SYN-ACKs the target sent again after the handshake (a raw socket saw them): it never got our ACK.
    /// Null when they could not be watched (no CAP_NET_RAW).
    /// </summary>
    public int? SynAckRepeats { get; init; }

    /// <summary>
    /// The payload bytes of our largest segment on this connection (TCP_INFO tcpi_snd_mss): the MSS the target
    /// announced, as routers on the way clamped it (TCPMSS), less the options every segment carries. Null when
    /// TCP_INFO could not be read.
    /// </summary>
    public int? SendMss { get; init; }

    /// <summary>The handshake agreed on timestamps (RFC 7323): every segment carries 12 bytes of options beyond <see cref="SendMss"/>.</summary>
    public bool Timestamps { get; init; }

    /// <summary>Why the question could not be asked, or what was not known.</summary>
    public string? Detail { get; init; }

    /// <summary>Data crossed in at least one direction past the handshake.</summary>
    public bool Crossed => Result is DataResult.Answered or DataResult.Acknowledged or DataResult.Reset;
}
