using System.Net;

namespace Reach.Core.Watching;

/// <summary>One event of the flow the kernel drop watch keeps (the client's packets to the port, and this host's answers).</summary>
/// <param name="AtMs">Milliseconds since the watch began.</param>
/// <param name="Incoming">The client's packet (to the port), not this host's answer.</param>
/// <param name="TcpFlags">The TCP header's flags byte (0x02 SYN, 0x10 ACK, 0x04 RST, 0x01 FIN).</param>
/// <param name="Interface">The packet's device when the kernel freed it; null when it had none yet.</param>
/// <param name="Location">The kernel address the packet was freed from (a return address inside <paramref name="Function"/>).</param>
/// <param name="Reason">The kernel's enum skb_drop_reason value (0 for events that are not drops).</param>
/// <param name="ReasonName">Its name in this kernel's BTF, without the SKB_DROP_REASON_ prefix: NETFILTER_DROP, NO_SOCKET, …; null when unknown.</param>
/// <param name="Function">The function <paramref name="Location"/> lies in (from /proc/kallsyms), e.g. "nft_do_chain"; null when unresolved.</param>
public sealed record KernelEvent(
    double AtMs,
    KernelEventKind Kind,
    bool Incoming,
    IPEndPoint Source,
    IPEndPoint Destination,
    byte TcpFlags,
    string? Interface,
    ulong Location,
    int Reason,
    string? ReasonName,
    string? Function)
{
    /// <summary>A connection attempt: SYN without ACK.</summary>
    public bool IsSyn => (TcpFlags & 0x12) == 0x02;

    /// <summary>The packet's TCP kind in one word, as tcpdump's flags say it: SYN, SYN-ACK, RST, FIN, ACK.</summary>
    public string PacketKind => (TcpFlags & 0x12) switch
    {
        0x02 => "SYN",
        0x12 => "SYN-ACK",
        _ when (TcpFlags & 0x04) != 0 => "RST",
        _ when (TcpFlags & 0x01) != 0 => "FIN",
        _ when (TcpFlags & 0x08) != 0 => "data",
        _ => "ACK",
    };

    /// <summary>The reason as the kernel names it, or its number when this kernel's BTF did not say.</summary>
    public string ReasonText => ReasonName ?? $"reason {Reason}";

    /// <summary>Where: the function, or the raw address when /proc/kallsyms could not say.</summary>
    public string Where => Function ?? $"0x{Location:x}";
}
