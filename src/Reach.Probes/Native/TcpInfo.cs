using System.Buffers.Binary;
using System.Net.Sockets;

namespace Reach.Probes.Native;

/// <summary>
/// The kernel's own account of one TCP connection (getsockopt TCP_INFO, tcp(7); struct tcp_info in
/// include/uapi/linux/tcp.h): what it sent, what the peer acknowledged and what it received. It tells
/// "our bytes are stuck" from "the server is slow" without waiting for an application's answer.
/// </summary>
/// <param name="State">tcpi_state (1 ESTABLISHED, 4 FIN_WAIT1, 5 FIN_WAIT2, 6 TIME_WAIT, 7 CLOSE, 8 CLOSE_WAIT, 11 CLOSING).</param>
/// <param name="Unacked">tcpi_unacked: our segments in flight.</param>
/// <param name="TotalRetrans">tcpi_total_retrans: our retransmissions over the connection's life.</param>
/// <param name="BytesAcked">tcpi_bytes_acked (RFC 4898 tcpEStatsAppHCThruOctetsAcked): the SYN and the FIN count one each.</param>
/// <param name="BytesReceived">tcpi_bytes_received (tcpEStatsAppHCThruOctetsReceived): the peer's FIN counts one.</param>
/// <param name="Options">tcpi_options: TCPI_OPT_TIMESTAMPS 1, SACK 2, WSCALE 4, ECN 8 (what the handshake agreed).</param>
/// <param name="SendMss">tcpi_snd_mss: the payload bytes of our largest segment (tp->mss_cache: the peer's MSS, as routers
/// on the way clamped it, bounded by our path MTU, less the options every segment carries).</param>
internal readonly record struct TcpInfo(int State, int Unacked, int TotalRetrans, long BytesAcked, long BytesReceived, int Options = 0, int SendMss = 0)
{
    /// <summary>tcpi_options' bit for the timestamp option (RFC 7323), 12 bytes in every segment.</summary>
    public const int TimestampsOption = 1;

    private const int SolTcp = 6;
    private const int TcpInfoOption = 11;

    // Offsets in struct tcp_info: 8 bytes of u8 fields, then u32 fields from tcpi_rto; tcpi_bytes_acked
    // (Linux 4.1) and tcpi_bytes_received (4.1) are u64 at 120 and 128.
    private const int OptionsOffset = 5;
    private const int SendMssOffset = 16;
    private const int UnackedOffset = 24;
    private const int TotalRetransOffset = 100;
    private const int BytesAckedOffset = 120;
    private const int BytesReceivedOffset = 128;
    private const int Size = 136;

    /// <summary>Reads the connection's counters; null when the socket is gone or the kernel is older than 4.1.</summary>
    public static TcpInfo? Read(Socket socket)
    {
        var buffer = new byte[232];
        try
        {
            var length = socket.GetRawSocketOption(SolTcp, TcpInfoOption, buffer);
            return length < Size ? null : Parse(buffer.AsSpan(0, length));
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return null;
        }
    }

    /// <summary>Parses the struct as the kernel filled it (little-endian on every architecture .NET runs Linux on here).</summary>
    internal static TcpInfo Parse(ReadOnlySpan<byte> b) => new(
        b[0],
        (int)BinaryPrimitives.ReadUInt32LittleEndian(b[UnackedOffset..]),
        (int)BinaryPrimitives.ReadUInt32LittleEndian(b[TotalRetransOffset..]),
        (long)BinaryPrimitives.ReadUInt64LittleEndian(b[BytesAckedOffset..]),
        (long)BinaryPrimitives.ReadUInt64LittleEndian(b[BytesReceivedOffset..]),
        b[OptionsOffset],
        (int)BinaryPrimitives.ReadUInt32LittleEndian(b[SendMssOffset..]));
}
