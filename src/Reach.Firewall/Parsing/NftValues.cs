using System.Net;
using System.Text.Json;

namespace Reach.Firewall;

/// <summary>Reads nft JSON values (libnftables-json(5), EXPRESSIONS) into <see cref="FieldValue"/>s.</summary>
internal static class NftValues
{
    public static NftValueKind KindOfSetType(string type) => type switch
    {
        "ipv4_addr" or "ipv6_addr" => NftValueKind.Address,
        "inet_service" => NftValueKind.Port,
        "inet_proto" => NftValueKind.Protocol,
        "ifname" => NftValueKind.Iface,
        "ct_state" => NftValueKind.CtState,
        "mark" => NftValueKind.Number,
        "icmp_type" => NftValueKind.IcmpType,
        "icmpv6_type" => NftValueKind.Icmp6Type,
        "nf_proto" => NftValueKind.NfProto,
        "ether_type" => NftValueKind.EtherType,
        "ether_addr" or "iface_index" or "ipsec_spi" or "ifkind" => NftValueKind.Unsupported,
        _ => NftValueKind.Auto,
    };

    /// <summary>The right side of a match, or a set's element list: many values, or one, or a named set.</summary>
    public static List<FieldValue>? Many(JsonElement e, IReadOnlyList<NftValueKind> kinds, out string? setName, out string? error)
    {
        setName = null;
        error = null;
        if (e.ValueKind == JsonValueKind.String && e.GetString() is { } s && s.StartsWith('@'))
        {
            setName = s[1..];
            return [];
        }

        if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty("set", out var set) && set.ValueKind == JsonValueKind.Array)
        {
            var values = new List<FieldValue>();
            foreach (var item in set.EnumerateArray())
            {
                if (One(item, kinds, out error) is not { } v)
                {
                    return null;
                }

                values.Add(v);
            }

            return values;
        }

        return One(e, kinds, out error) is { } single ? [single] : null;
    }

    public static FieldValue? One(JsonElement e, IReadOnlyList<NftValueKind> kinds, out string? error)
    {
        error = null;
        if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty("elem", out var elem) && elem.ValueKind == JsonValueKind.Object
            && elem.TryGetProperty("val", out var val))
        {
            return One(val, kinds, out error); // an element with a timeout, counter or comment
        }

        if (kinds.Count > 1)
        {
            if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty("concat", out var parts) && parts.ValueKind == JsonValueKind.Array
                && parts.GetArrayLength() == kinds.Count)
            {
                var list = new List<FieldValue>();
                var i = 0;
                foreach (var part in parts.EnumerateArray())
                {
                    if (One(part, [kinds[i++]], out error) is not { } v)
                    {
                        return null;
                    }

                    list.Add(v);
                }

                return new TupleValue(list);
            }

            error = $"expected a concatenation of {kinds.Count} values: {e.GetRawText()}";
            return null;
        }

        var kind = kinds.Count == 1 ? kinds[0] : NftValueKind.Unsupported;
        var value = Scalar(e, kind);
        if (value is null)
        {
            error = $"cannot read {e.GetRawText()} as {kind}";
        }

        return value;
    }

    private static FieldValue? Scalar(JsonElement e, NftValueKind kind)
    {
        if (kind == NftValueKind.Unsupported)
        {
            return null;
        }

        switch (e.ValueKind)
        {
            case JsonValueKind.True or JsonValueKind.False when kind == NftValueKind.Boolean:
                // fib ... oif missing / exists: the JSON form is false / true.
                return new NumberValue(e.ValueKind == JsonValueKind.True ? 1UL : 0UL);
            case JsonValueKind.Number:
                // An interface index (iif 2) or an address as a number cannot be compared with names.
                return kind is NftValueKind.Iface or NftValueKind.Address or NftValueKind.AddrType || !e.TryGetUInt64(out var n)
                    ? null
                    : new NumberValue(n);
            case JsonValueKind.String:
                return Named(e.GetString()!, kind);
            case JsonValueKind.Array:
                // A flag list (ct state established,related; tcp flags fin,syn): the bits OR'd.
                ulong bits = 0;
                foreach (var item in e.EnumerateArray())
                {
                    if (Scalar(item, kind) is not NumberValue { } b || b.Low != b.High)
                    {
                        return null;
                    }

                    bits |= b.Low;
                }

                return new NumberValue(bits);
            case JsonValueKind.Object:
                if (e.TryGetProperty("prefix", out var prefix)
                    && prefix.TryGetProperty("addr", out var addr) && addr.ValueKind == JsonValueKind.String
                    && IPAddress.TryParse(addr.GetString(), out var network)
                    && prefix.TryGetProperty("len", out var len) && len.TryGetInt32(out var length))
                {
                    return AddressValue.Prefix(network, length);
                }

                if (e.TryGetProperty("range", out var range) && range.ValueKind == JsonValueKind.Array && range.GetArrayLength() == 2)
                {
                    var low = Scalar(range[0], kind);
                    var high = Scalar(range[1], kind);
                    return (low, high) switch
                    {
                        (AddressValue a, AddressValue b) when a.PrefixLength is 32 or 128 && b.PrefixLength is 32 or 128
                            && a.Address.AddressFamily == b.Address.AddressFamily => new AddressRangeValue(a.Address, b.Address),
                        (NumberValue a, NumberValue b) => new NumberValue(a.Low, b.High),
                        _ => null,
                    };
                }

                return null;
            default:
                return null;
        }
    }

    private static FieldValue? Named(string s, NftValueKind kind)
    {
        ulong? number = kind switch
        {
            NftValueKind.Port => ValueParsing.Port(s),
            NftValueKind.Protocol => IpProtocol.TryParse(s, out var p) ? (ulong)p : null,
            NftValueKind.CtState => IptablesRuleCompiler.StateBit(s),
            NftValueKind.IcmpType => (ulong?)IcmpNames.NftType(s, v6: false),
            NftValueKind.Icmp6Type => (ulong?)IcmpNames.NftType(s, v6: true),
            NftValueKind.IcmpCode => (ulong?)IcmpNames.NftCode(s, v6: false),
            NftValueKind.Icmp6Code => (ulong?)IcmpNames.NftCode(s, v6: true),
            NftValueKind.TcpFlags => TcpFlag(s),
            NftValueKind.PktType => s switch { "host" => 0, "broadcast" => 1, "multicast" => 2, "other" => 3, _ => null },
            NftValueKind.CtStatus => CtStatusBit(s),
            NftValueKind.Boolean => s switch { "exists" => 1, "missing" => 0, _ => null },
            NftValueKind.NfProto => s switch { "ipv4" => 2, "ipv6" => 10, _ => null },
            NftValueKind.EtherType => s switch { "ip" => 2, "ip6" => 10, _ => null },
            NftValueKind.Number or NftValueKind.Auto => ValueParsing.Number(s),
            _ => null,
        };
        if (number is { } known)
        {
            return new NumberValue(known);
        }

        return kind switch
        {
            NftValueKind.Address or NftValueKind.Auto => IPAddress.TryParse(s, out var a) ? AddressValue.Host(a) : null,
            // nft(8): a trailing * is a wildcard; an escaped \* (a literal star) is too rare to model.
            NftValueKind.Iface => s.Contains('\\', StringComparison.Ordinal) ? null : new NameValue(s),
            NftValueKind.AddrType => new NameValue(s),
            _ => null,
        };
    }

    /// <summary>enum ip_conntrack_status (include/uapi/linux/netfilter/nf_conntrack_common.h), as nft names the bits.</summary>
    private static ulong? CtStatusBit(string s) => s switch
    {
        "expected" => 0x1,
        "seen-reply" => 0x2,
        "assured" => 0x4,
        "confirmed" => 0x8,
        "snat" => 0x10,
        "dnat" => 0x20,
        "dying" => 0x200,
        _ => null,
    };

    private static ulong? TcpFlag(string s) => s switch
    {
        "fin" => (ulong)TcpControlBits.Fin,
        "syn" => (ulong)TcpControlBits.Syn,
        "rst" => (ulong)TcpControlBits.Rst,
        "psh" => (ulong)TcpControlBits.Psh,
        "ack" => (ulong)TcpControlBits.Ack,
        "urg" => (ulong)TcpControlBits.Urg,
        "ecn" => (ulong)TcpControlBits.Ece,
        "cwr" => (ulong)TcpControlBits.Cwr,
        _ => null,
    };
}
