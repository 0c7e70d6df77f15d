using System.Buffers.Binary;
using System.Text;

namespace Reach.Probes.Bpf;

/// <summary>
/// One enum's enumerators from a BTF file (the kernel's /sys/kernel/btf/vmlinux), read by streaming it.
/// libbpf's btf__load_vmlinux_btf would parse all of its ~5 MB into tables (~10 MB of heap, at the end of the
/// watch where the process's peak is counted); the drop watch needs only enum skb_drop_reason's names. The
/// format is the kernel's Documentation/bpf/btf.rst: a header, the type section (each type a 12-byte
/// btf_type and data whose length its kind and vlen give), the string section (NUL-terminated names).
/// </summary>
public static class BtfEnumReader
{
    private const ushort Magic = 0xeB9F;
    private const int KindEnum = 6;
    private const int KindEnum64 = 19;

    /// <summary>The enumerators of the enum named <paramref name="enumName"/>; empty when the file has none by that name or is not BTF.</summary>
    public static IReadOnlyList<(string Name, int Value)> Read(string path, string enumName)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        using var stream = new BufferedStream(file, 64 * 1024);
        return Read(stream, enumName);
    }

    /// <param name="btf">A seekable stream positioned anywhere; the whole file is BTF.</param>
    public static IReadOnlyList<(string Name, int Value)> Read(Stream btf, string enumName)
    {
        ArgumentNullException.ThrowIfNull(btf);
        ArgumentNullException.ThrowIfNull(enumName);
        Span<byte> header = stackalloc byte[24];
        btf.Position = 0;
        if (btf.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length
            || BinaryPrimitives.ReadUInt16LittleEndian(header) != Magic)
        {
            // Not BTF, or BTF of the other byte order (a file from another machine): no names, never a wrong one.
            return [];
        }

        var length = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
        var types = length + BinaryPrimitives.ReadUInt32LittleEndian(header[8..]);
        var typesLength = BinaryPrimitives.ReadUInt32LittleEndian(header[12..]);
        var strings = length + BinaryPrimitives.ReadUInt32LittleEndian(header[16..]);
        var stringsLength = BinaryPrimitives.ReadUInt32LittleEndian(header[20..]);

        if (OffsetOf(btf, strings, stringsLength, Encoding.UTF8.GetBytes(enumName)) is not { } name)
        {
            return [];
        }

        var enumerators = Enumerators(btf, types, typesLength, name);
        return [.. enumerators.Select(e => (NameAt(btf, strings, e.NameOffset), e.Value))];
    }

    /// <summary>Where the string section holds <paramref name="wanted"/> as a whole string (a name_off), or null.</summary>
    private static uint? OffsetOf(Stream btf, long start, uint length, byte[] wanted)
    {
        btf.Position = start;
        var buffer = new byte[64 * 1024];
        uint offset = 0;
        uint begin = 0;
        var matched = 0;
        while (offset < length)
        {
            var n = btf.Read(buffer, 0, (int)Math.Min(buffer.Length, length - offset));
            if (n <= 0)
            {
                return null;
            }

            for (var i = 0; i < n; i++, offset++)
            {
                var b = buffer[i];
                if (b == 0)
                {
                    if (matched == wanted.Length)
                    {
                        return begin;
                    }

                    begin = offset + 1;
                    matched = 0;
                }
                else
                {
                    matched = matched >= 0 && matched < wanted.Length && wanted[matched] == b ? matched + 1 : -1;
                }
            }
        }

        return null;
    }

    /// <summary>The enumerators (name_off, value) of the first ENUM or ENUM64 type named by <paramref name="name"/>.</summary>
    private static List<(uint NameOffset, int Value)> Enumerators(Stream btf, long start, uint length, uint name)
    {
        btf.Position = start;
        var end = start + length;
        Span<byte> type = stackalloc byte[12];
        Span<byte> member = stackalloc byte[12];
        while (btf.Position + type.Length <= end)
        {
            btf.ReadExactly(type);
            var nameOffset = BinaryPrimitives.ReadUInt32LittleEndian(type);
            var info = BinaryPrimitives.ReadUInt32LittleEndian(type[4..]);
            var kind = (int)((info >> 24) & 0x1f);
            var vlen = (int)(info & 0xffff);
            if ((kind is KindEnum or KindEnum64) && nameOffset == name)
            {
                var size = kind == KindEnum ? 8 : 12;
                var list = new List<(uint, int)>(vlen);
                for (var i = 0; i < vlen; i++)
                {
                    btf.ReadExactly(member[..size]);
                    // ENUM64 keeps the low 32 bits first: the drop reasons' values all fit in them.
                    list.Add((BinaryPrimitives.ReadUInt32LittleEndian(member), BinaryPrimitives.ReadInt32LittleEndian(member[4..])));
                }

                return list;
            }

            if (DataLength(kind, vlen) is not { } skip)
            {
                // A kind newer than this reader: the types after it cannot be found, so none is claimed.
                return [];
            }

            btf.Seek(skip, SeekOrigin.Current);
        }

        return [];
    }

    /// <summary>The bytes that follow a btf_type of this kind (btf.rst, "2.2 Type Encoding"); null for a kind not known here.</summary>
    private static int? DataLength(int kind, int vlen) => kind switch
    {
        1 => 4,                 // INT: its encoding
        2 or 7 or 8 or 9 or 10 or 11 or 12 or 16 or 18 => 0, // PTR, FWD, TYPEDEF, VOLATILE, CONST, RESTRICT, FUNC, FLOAT, TYPE_TAG
        3 => 12,                // ARRAY: btf_array
        4 or 5 => 12 * vlen,    // STRUCT, UNION: btf_member each
        6 => 8 * vlen,          // ENUM: btf_enum each
        13 => 8 * vlen,         // FUNC_PROTO: btf_param each
        14 => 4,                // VAR: btf_var
        15 => 12 * vlen,        // DATASEC: btf_var_secinfo each
        17 => 4,                // DECL_TAG: btf_decl_tag
        19 => 12 * vlen,        // ENUM64: btf_enum64 each
        _ => null,
    };

    private static string NameAt(Stream btf, long strings, uint offset)
    {
        btf.Position = strings + offset;
        var bytes = new List<byte>(32);
        int b;
        while ((b = btf.ReadByte()) > 0)
        {
            bytes.Add((byte)b);
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }
}
