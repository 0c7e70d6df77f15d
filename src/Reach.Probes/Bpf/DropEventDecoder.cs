using System.Buffers.Binary;
using System.Net;
using Reach.Core.Watching;

namespace Reach.Probes.Bpf;

/// <summary>
/// Reads one event of the drop watch's ring buffer: struct reach_event in dropwatch.bpf.c (64 bytes,
/// host byte order, _Static_assert'ed there): location u64 @0, reason u32 @8, ifindex u32 @12, kind u8
/// @16, family u8 @17, protocol u8 @18, tcp_flags u8 @19, sport u16 @20, dport u16 @22, saddr[16] @24,
/// daddr[16] @40, ts u64 @56 (bpf_ktime_get_ns, CLOCK_MONOTONIC).
/// </summary>
internal static class DropEventDecoder
{
    public const int Size = 64;

    /// <param name="startNs">CLOCK_MONOTONIC when the watch began, in ns: AtMs counts from it.</param>
    /// <param name="interfaceName">ifindex to name (if_indextoname), for the event's device.</param>
    /// <returns>Null for a short or unknown event.</returns>
    public static KernelEvent? Decode(ReadOnlySpan<byte> data, IPAddress client, int port, long startNs, Func<int, string?> interfaceName)
    {
        if (data.Length < Size)
        {
            return null;
        }

        var kind = data[16] switch
        {
            1 => KernelEventKind.Dropped,
            2 => KernelEventKind.SynAckRetransmitted,
            3 => KernelEventKind.SynConsumed,
            _ => (KernelEventKind?)null,
        };
        var length = data[17] switch
        {
            4 => 4,
            6 => 16,
            _ => 0,
        };
        if (kind is null || length == 0)
        {
            return null;
        }

        var source = new IPEndPoint(new IPAddress(data.Slice(24, length)), BinaryPrimitives.ReadUInt16LittleEndian(data[20..]));
        var destination = new IPEndPoint(new IPAddress(data.Slice(40, length)), BinaryPrimitives.ReadUInt16LittleEndian(data[22..]));
        var ifindex = BinaryPrimitives.ReadInt32LittleEndian(data[12..]);
        var ts = BinaryPrimitives.ReadInt64LittleEndian(data[56..]);
        return new KernelEvent(
            AtMs: Math.Round(Math.Max(0, ts - startNs) / 1e6, 1),
            Kind: kind.Value,
            Incoming: destination.Port == port && source.Address.Equals(client),
            Source: source,
            Destination: destination,
            TcpFlags: data[19],
            Interface: ifindex > 0 ? interfaceName(ifindex) : null,
            Location: BinaryPrimitives.ReadUInt64LittleEndian(data),
            Reason: kind == KernelEventKind.Dropped ? BinaryPrimitives.ReadInt32LittleEndian(data[8..]) : 0,
            ReasonName: null,
            Function: null);
    }

    /// <summary>struct reach_flow (24 bytes): what the program keeps.</summary>
    public static byte[] Flow(uint netns, IPAddress client, int port)
    {
        var flow = new byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(flow, netns);
        BinaryPrimitives.WriteUInt16LittleEndian(flow.AsSpan(4), (ushort)port);
        var address = client.GetAddressBytes();
        flow[6] = (byte)(address.Length == 4 ? 4 : 6);
        address.CopyTo(flow, 8);
        return flow;
    }
}
