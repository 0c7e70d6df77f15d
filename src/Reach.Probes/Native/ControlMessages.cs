using System.Buffers.Binary;

namespace Reach.Probes.Native;

/// <summary>One ancillary data item of a recvmsg(2) control buffer: its level, type and payload.</summary>
internal readonly ref struct ControlMessage(int level, int type, ReadOnlySpan<byte> data)
{
    public int Level { get; } = level;

    public int Type { get; } = type;

    public ReadOnlySpan<byte> Data { get; } = data;
}

/// <summary>
/// Walks a control buffer as cmsg(3) lays it out: cmsg_len is a size_t, so a header is 16 bytes with the
/// data aligned to 8 on 64-bit Linux, and 12 bytes aligned to 4 on 32-bit. One walker for every reader
/// of ancillary data (the received hop limit, the error queue), used as <c>foreach (var m in new ControlMessages(buffer))</c>.
/// </summary>
internal ref struct ControlMessages(ReadOnlySpan<byte> control)
{
    private static readonly int Word = IntPtr.Size;
    private static readonly int Header = Word + 8;

    private readonly ReadOnlySpan<byte> control = control;
    private int next;

    public ControlMessage Current { get; private set; }

    public readonly ControlMessages GetEnumerator() => this;

    public bool MoveNext()
    {
        if (next + Header > control.Length)
        {
            return false;
        }

        var at = control[next..];
        var length = Word == 8 ? (int)BinaryPrimitives.ReadUInt64LittleEndian(at) : (int)BinaryPrimitives.ReadUInt32LittleEndian(at);
        if (length < Header || next + length > control.Length)
        {
            // A truncated or corrupt header (MSG_CTRUNC): nothing after it can be trusted.
            return false;
        }

        Current = new ControlMessage(
            BinaryPrimitives.ReadInt32LittleEndian(at[Word..]),
            BinaryPrimitives.ReadInt32LittleEndian(at[(Word + 4)..]),
            at[Header..length]);
        next += (length + Word - 1) & ~(Word - 1);
        return true;
    }
}
