using System.Net;
using System.Text.Json;

namespace Reach.Firewall;

/// <summary>
/// Compiles the <c>expr</c> array of an nft JSON rule (libnftables-json(5), STATEMENTS and EXPRESSIONS)
/// into statements. nft leaves out of the JSON the dependencies it adds itself (<c>tcp dport</c> carries
/// an unprinted <c>meta l4proto tcp</c>; <c>ip saddr</c> in an inet table an unprinted <c>meta nfproto ipv4</c>):
/// they are put back as implicit matches.
/// </summary>
internal static class NftRuleCompiler
{
    public static (List<RuleStatement> Statements, Counters? Counters) Compile(JsonElement exprs, TableFamily family)
    {
        var statements = new List<RuleStatement>();
        Counters? counters = null;
        if (exprs.ValueKind != JsonValueKind.Array)
        {
            return (statements, counters);
        }

        foreach (var st in exprs.EnumerateArray())
        {
            var text = NftRenderer.Statement(st);
            if (st.ValueKind != JsonValueKind.Object || !st.EnumerateObject().Any())
            {
                statements.Add(new UnsupportedMatch("?", "not a statement", text));
                continue;
            }

            var p = st.EnumerateObject().First();
            var v = p.Value;
            switch (p.Name)
            {
                case "match":
                    Match(v, family, text, statements);
                    break;
                case "counter":
                    if (NftRenderer.Long(v, "packets") is { } packets && NftRenderer.Long(v, "bytes") is { } bytes)
                    {
                        counters = new Counters(packets, bytes);
                    }

                    break;
                case "log" or "set" or "flow" or "dup" or "last" or "secmark" or "ct helper" or "ct timeout" or "ct expectation":
                    statements.Add(new NoteAction(p.Name, text));
                    break;
                case "limit":
                    var over = v.ValueKind == JsonValueKind.Object && v.TryGetProperty("inv", out var inv) && inv.ValueKind == JsonValueKind.True;
                    statements.Add(new RateLimitMatch(!over, text) { Kind = RateKind.NftLimit });
                    break;
                case "accept":
                    statements.Add(new VerdictAction(VerdictKind.Accept, text));
                    break;
                case "drop":
                    statements.Add(new VerdictAction(VerdictKind.Drop, text));
                    break;
                case "continue":
                    statements.Add(new VerdictAction(VerdictKind.Continue, text));
                    break;
                case "return":
                    statements.Add(new VerdictAction(VerdictKind.Return, text));
                    break;
                case "jump" or "goto":
                    statements.Add(new VerdictAction(p.Name == "jump" ? VerdictKind.Jump : VerdictKind.Goto, text) { Chain = NftRenderer.Str(v, "target") });
                    break;
                case "reject":
                    Reject(v, family, text, statements);
                    break;
                case "vmap":
                    VerdictMap(v, family, text, statements);
                    break;
                case "mangle":
                    statements.Add(Mangle(v, text));
                    break;
                case "dnat" or "snat":
                    statements.Add(Nat(p.Name == "dnat" ? NatKind.Dnat : NatKind.Snat, v, text));
                    break;
                case "masquerade":
                    statements.Add(new NatAction(NatKind.Masquerade, null, null, Exact: false, text));
                    break;
                case "redirect":
                    var port = NftRenderer.Long(v, "port");
                    statements.Add(new NatAction(NatKind.Redirect, null, port is null ? null : (int)port, Exact: port is not null || NftRenderer.Get(v, "port") is null, text));
                    break;
                case "notrack":
                    statements.Add(new NotrackAction(text));
                    break;
                case "xt":
                    var name = NftRenderer.Str(v, "name") ?? "?";
                    switch (NftRenderer.Str(v, "type"))
                    {
                        case "target":
                            statements.Add(new UnsupportedAction(name, $"iptables target {name} shows in nft -j only by name; read iptables-save for its options", text));
                            break;
                        case "watcher":
                            statements.Add(new NoteAction(name, text));
                            break;
                        default:
                            statements.Add(new UnsupportedMatch($"xt {name}", $"iptables match {name} shows in nft -j only by name; read iptables-save for its options", text));
                            break;
                    }

                    break;
                case "queue" or "fwd" or "tproxy" or "synproxy":
                    statements.Add(new UnsupportedAction(p.Name, $"statement '{p.Name}' is not modelled", text));
                    break;
                default:
                    statements.Add(new UnsupportedMatch(p.Name, $"statement '{p.Name}' is not modelled", text));
                    break;
            }
        }

        return (statements, counters);
    }

    private static void Match(JsonElement v, TableFamily family, string text, List<RuleStatement> into)
    {
        if (NftRenderer.Get(v, "left") is not { } leftJson || NftRenderer.Get(v, "right") is not { } rightJson)
        {
            into.Add(new UnsupportedMatch("match", "a match without both sides", text));
            return;
        }

        var left = Left(leftJson, family);
        if (left.Unsupported is { } why)
        {
            into.Add(new UnsupportedMatch(NftRenderer.Expr(leftJson), why, text));
            return;
        }

        var values = NftValues.Many(rightJson, left.Kinds, out var setName, out var error);
        if (values is null)
        {
            into.Add(new UnsupportedMatch(NftRenderer.Expr(leftJson), error ?? "cannot read the value", text));
            return;
        }

        if (left.AddressMask is { } mask)
        {
            values = [.. values.Select(x => x is AddressValue a && a.Address.AddressFamily == mask.AddressFamily ? new AddressValue(a.Address, mask) : x)];
        }

        var flags = left.Kinds.Count == 1 && left.Kinds[0] is NftValueKind.CtState or NftValueKind.TcpFlags or NftValueKind.CtStatus;
        var op = NftRenderer.Str(v, "op") switch
        {
            "!=" => MatchOperator.NotEqual,
            "in" when flags && setName is null => MatchOperator.AnyBit,
            "<" => MatchOperator.Less,
            ">" => MatchOperator.Greater,
            "<=" => MatchOperator.LessOrEqual,
            ">=" => MatchOperator.GreaterOrEqual,
            _ => MatchOperator.Equal,
        };
        into.AddRange(left.Dependencies);
        into.Add(new FieldMatch(left.Fields, op, values, text) { SetName = setName, Mask = left.Mask });
    }

    private static void Reject(JsonElement v, TableFamily family, string text, List<RuleStatement> into)
    {
        var type = v.ValueKind == JsonValueKind.Object ? NftRenderer.Str(v, "type") : null;
        var code = v.ValueKind == JsonValueKind.Object && NftRenderer.Get(v, "expr") is { } e ? NftRenderer.Expr(e) : null;
        var spec = RejectNames.Nft(type, code);
        if (spec is null)
        {
            into.Add(new UnsupportedAction("reject", $"reject type '{type} {code}' is not known", text));
            return;
        }

        // nft adds the dependency itself: "reject with tcp reset" only for TCP, "with icmp" only for IPv4.
        if (spec.TcpReset)
        {
            into.Add(Dependency(PacketField.Protocol, IpProtocol.Tcp, "meta l4proto tcp"));
        }
        else if (type == "icmp" && family is not TableFamily.Ip)
        {
            into.Add(Dependency(PacketField.NfProto, 2, "meta nfproto ipv4"));
        }
        else if (type == "icmpv6" && family is not TableFamily.Ip6)
        {
            into.Add(Dependency(PacketField.NfProto, 10, "meta nfproto ipv6"));
        }

        into.Add(new VerdictAction(VerdictKind.Reject, text) { Reject = spec });
    }

    private static void VerdictMap(JsonElement v, TableFamily family, string text, List<RuleStatement> into)
    {
        if (NftRenderer.Get(v, "key") is not { } keyJson || NftRenderer.Get(v, "data") is not { } data)
        {
            into.Add(new UnsupportedAction("vmap", "a verdict map without key or data", text));
            return;
        }

        var key = Left(keyJson, family);
        if (key.Unsupported is { } why)
        {
            into.Add(new UnsupportedAction("vmap", why, text));
            return;
        }

        into.AddRange(key.Dependencies);
        if (data.ValueKind == JsonValueKind.String && data.GetString() is { } name && name.StartsWith('@'))
        {
            into.Add(new VerdictMapAction(key.Fields, [], name[1..], text) { RandomModulus = key.RandomModulus });
            return;
        }

        var entries = Entries(NftRenderer.Get(data, "set") ?? data, key.Kinds, out var error);
        into.Add(entries is null
            ? new UnsupportedAction("vmap", error ?? "cannot read the map", text)
            : new VerdictMapAction(key.Fields, entries, null, text) { RandomModulus = key.RandomModulus });
    }

    /// <summary>The <c>[key, verdict]</c> pairs of an anonymous or named verdict map.</summary>
    internal static List<NftSetElement>? Entries(JsonElement pairs, IReadOnlyList<NftValueKind> kinds, out string? error)
    {
        error = null;
        var entries = new List<NftSetElement>();
        if (pairs.ValueKind != JsonValueKind.Array)
        {
            error = "the map has no elements";
            return null;
        }

        foreach (var pair in pairs.EnumerateArray())
        {
            if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2)
            {
                error = $"not a key : verdict pair: {pair.GetRawText()}";
                return null;
            }

            if (NftValues.One(pair[0], kinds, out error) is not { } k)
            {
                return null;
            }

            if (Verdict(pair[1]) is not { } verdict)
            {
                error = $"not a verdict: {pair[1].GetRawText()}";
                return null;
            }

            entries.Add(new NftSetElement(k, verdict));
        }

        return entries;
    }

    internal static VerdictAction? Verdict(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var text = NftRenderer.Statement(e);
        foreach (var p in e.EnumerateObject())
        {
            return p.Name switch
            {
                "accept" => new VerdictAction(VerdictKind.Accept, text),
                "drop" => new VerdictAction(VerdictKind.Drop, text),
                "continue" => new VerdictAction(VerdictKind.Continue, text),
                "return" => new VerdictAction(VerdictKind.Return, text),
                "jump" => new VerdictAction(VerdictKind.Jump, text) { Chain = NftRenderer.Str(p.Value, "target") },
                "goto" => new VerdictAction(VerdictKind.Goto, text) { Chain = NftRenderer.Str(p.Value, "target") },
                _ => null,
            };
        }

        return null;
    }

    private static SetMarkAction Mangle(JsonElement v, string text)
    {
        var key = NftRenderer.Get(v, "key") is { } k ? NftRenderer.Expr(k) : "";
        var value = NftRenderer.Get(v, "value");
        var onConnection = key == "ct mark";
        if (key is not ("meta mark" or "ct mark"))
        {
            return new SetMarkAction(false, MarkOperation.Unknown, 0, 0, text);
        }

        if (value is { ValueKind: JsonValueKind.Number } n && n.TryGetUInt32(out var mark))
        {
            return new SetMarkAction(onConnection, MarkOperation.SetXor, mark, uint.MaxValue, text);
        }

        // "mark set mark or 0x4000" (kube-proxy), "and", "xor": a bitwise operation on the same mark.
        if (value is { ValueKind: JsonValueKind.Object } op && op.EnumerateObject().FirstOrDefault() is { Name: "|" or "&" or "^" } bin
            && bin.Value.ValueKind == JsonValueKind.Array && bin.Value.GetArrayLength() == 2
            && NftRenderer.Expr(bin.Value[0]) == key && bin.Value[1].ValueKind == JsonValueKind.Number && bin.Value[1].TryGetUInt32(out var operand))
        {
            return bin.Name switch
            {
                "|" => new SetMarkAction(onConnection, MarkOperation.Or, operand, 0, text),
                "&" => new SetMarkAction(onConnection, MarkOperation.And, operand, 0, text),
                _ => new SetMarkAction(onConnection, MarkOperation.SetXor, operand, 0, text),
            };
        }

        var source = value is { } s ? NftRenderer.Expr(s) : "";
        return (onConnection, source) switch
        {
            (false, "ct mark") => new SetMarkAction(false, MarkOperation.Copy, 0, uint.MaxValue, text),
            (true, "meta mark") => new SetMarkAction(true, MarkOperation.Copy, 0, uint.MaxValue, text),
            _ => new SetMarkAction(onConnection, MarkOperation.Unknown, 0, 0, text),
        };
    }

    private static NatAction Nat(NatKind kind, JsonElement v, string text)
    {
        var exact = true;
        IPAddress? address = null;
        if (NftRenderer.Get(v, "addr") is { } a)
        {
            if (a.ValueKind != JsonValueKind.String || !IPAddress.TryParse(a.GetString(), out address))
            {
                exact = false;
            }
        }

        int? port = null;
        if (NftRenderer.Get(v, "port") is { } p)
        {
            if (p.ValueKind == JsonValueKind.Number && p.TryGetInt32(out var single))
            {
                port = single;
            }
            else
            {
                exact = false;
            }
        }

        return new NatAction(kind, address, port, exact, text);
    }

    private static FieldMatch Dependency(PacketField field, ulong value, string text) =>
        new([field], MatchOperator.Equal, [new NumberValue(value)], text + " (implied)") { Implicit = true };

    internal static NftLeft Left(JsonElement e, TableFamily family)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.EnumerateObject().Any())
        {
            return NftLeft.Fail($"expression {e.GetRawText()} is not modelled");
        }

        var p = e.EnumerateObject().First();
        var v = p.Value;
        switch (p.Name)
        {
            case "payload":
                return Payload(NftRenderer.Str(v, "protocol"), NftRenderer.Str(v, "field"), family);
            case "meta":
                return NftRenderer.Str(v, "key") switch
                {
                    "l4proto" => new NftLeft([PacketField.Protocol], [NftValueKind.Protocol], []),
                    "nfproto" => new NftLeft([PacketField.NfProto], [NftValueKind.NfProto], []),
                    "protocol" => new NftLeft([PacketField.NfProto], [NftValueKind.EtherType], []),
                    "iifname" or "iif" => new NftLeft([PacketField.InInterface], [NftValueKind.Iface], []),
                    "oifname" or "oif" => new NftLeft([PacketField.OutInterface], [NftValueKind.Iface], []),
                    "mark" => new NftLeft([PacketField.Mark], [NftValueKind.Number], []),
                    "pkttype" => new NftLeft([PacketField.PacketType], [NftValueKind.PktType], []),
                    var key => NftLeft.Fail($"meta {key} is not modelled"),
                };
            case "ct":
                return NftRenderer.Str(v, "key") switch
                {
                    "state" => new NftLeft([PacketField.ConnState], [NftValueKind.CtState], []),
                    "mark" => new NftLeft([PacketField.ConnMark], [NftValueKind.Number], []),
                    "status" => new NftLeft([PacketField.ConnStatus], [NftValueKind.CtStatus], []),
                    var key => NftLeft.Fail($"ct {key} is not modelled"),
                };
            case "fib":
                // nft -j lists several flags as an array ("flags": ["saddr", "mark", "iif"]), which Expr
                // joins with commas; nft's own syntax, which the cases below name, joins them with " . ".
                var flags = NftRenderer.Get(v, "flags") is { } f ? NftRenderer.Expr(f).Replace(",", " . ", StringComparison.Ordinal) : "";
                return (NftRenderer.Str(v, "result"), flags) switch
                {
                    ("type", "daddr") => new NftLeft([PacketField.DestinationAddressType], [NftValueKind.AddrType], []),
                    ("type", "saddr") => new NftLeft([PacketField.SourceAddressType], [NftValueKind.AddrType], []),
                    // The reverse-path check: is there a route back to the source through the input
                    // interface? (nft(8), FIB EXPRESSIONS; firewalld's IPv6_rpfilter). The mark only selects
                    // policy-routing tables, which reach reads through the kernel's own route lookup.
                    ("oif", "saddr . iif" or "saddr . mark . iif") => new NftLeft([PacketField.ReversePath], [NftValueKind.Boolean], []),
                    _ => NftLeft.Fail($"fib {flags} {NftRenderer.Str(v, "result")} needs the routing table"),
                };
            case "numgen":
                return NftRenderer.Str(v, "mode") == "random" && NftRenderer.Long(v, "mod") is { } mod and > 0 and <= 64 && (NftRenderer.Long(v, "offset") ?? 0) == 0
                    ? new NftLeft([PacketField.Random], [NftValueKind.Number], [], RandomModulus: (int)mod)
                    : NftLeft.Fail("numgen other than 'random mod N' (up to 64) is not modelled");
            case "&":
                if (v.ValueKind != JsonValueKind.Array || v.GetArrayLength() != 2)
                {
                    return NftLeft.Fail("a bitwise and without two operands");
                }

                var inner = Left(v[0], family);
                if (inner.Unsupported is not null || inner.Fields.Count != 1)
                {
                    return inner.Unsupported is null ? NftLeft.Fail("a mask over a concatenation") : inner;
                }

                if (inner.Kinds[0] == NftValueKind.Address)
                {
                    return v[1].ValueKind == JsonValueKind.String && IPAddress.TryParse(v[1].GetString(), out var mask)
                        ? inner with { AddressMask = mask }
                        : NftLeft.Fail($"cannot read the mask {v[1].GetRawText()}");
                }

                return NftValues.One(v[1], inner.Kinds, out _) is NumberValue m && m.Low == m.High
                    ? inner with { Mask = m.Low }
                    : NftLeft.Fail($"cannot read the mask {v[1].GetRawText()}");
            case "concat":
                var fields = new List<PacketField>();
                var kinds = new List<NftValueKind>();
                var deps = new List<FieldMatch>();
                foreach (var part in v.EnumerateArray())
                {
                    var l = Left(part, family);
                    if (l.Unsupported is not null)
                    {
                        return l;
                    }

                    if (l.Mask is not null || l.AddressMask is not null)
                    {
                        return NftLeft.Fail("a mask inside a concatenation");
                    }

                    fields.AddRange(l.Fields);
                    kinds.AddRange(l.Kinds);
                    deps.AddRange(l.Dependencies);
                }

                return new NftLeft(fields, kinds, deps);
            default:
                return NftLeft.Fail($"expression '{p.Name}' is not modelled");
        }
    }

    private static NftLeft Payload(string? protocol, string? field, TableFamily family)
    {
        FieldMatch[] Family(ulong nfproto, string name) =>
            family is TableFamily.Ip or TableFamily.Ip6 ? [] : [Dependency(PacketField.NfProto, nfproto, $"meta nfproto {name}")];
        FieldMatch[] Proto(int number) => [Dependency(PacketField.Protocol, (ulong)number, $"meta l4proto {IpProtocol.Name(number)}")];

        switch (protocol, field)
        {
            case ("ip", "saddr" or "daddr"):
                return new NftLeft([field == "saddr" ? PacketField.SourceAddress : PacketField.DestinationAddress], [NftValueKind.Address], Family(2, "ipv4"));
            case ("ip", "protocol"):
                return new NftLeft([PacketField.Protocol], [NftValueKind.Protocol], Family(2, "ipv4"));
            case ("ip6", "saddr" or "daddr"):
                return new NftLeft([field == "saddr" ? PacketField.SourceAddress : PacketField.DestinationAddress], [NftValueKind.Address], Family(10, "ipv6"));
            case ("ip6", "nexthdr"):
                // The first next header: the transport protocol unless extension headers come first.
                return new NftLeft([PacketField.Protocol], [NftValueKind.Protocol], Family(10, "ipv6"));
            case ("tcp" or "udp" or "udplite" or "sctp" or "dccp", "sport" or "dport"):
                var number = protocol switch
                {
                    "tcp" => IpProtocol.Tcp,
                    "udp" => IpProtocol.Udp,
                    "udplite" => IpProtocol.UdpLite,
                    "sctp" => IpProtocol.Sctp,
                    _ => IpProtocol.Dccp,
                };
                return new NftLeft([field == "sport" ? PacketField.SourcePort : PacketField.DestinationPort], [NftValueKind.Port], Proto(number));
            case ("th", "sport" or "dport"):
                return new NftLeft([field == "sport" ? PacketField.SourcePort : PacketField.DestinationPort], [NftValueKind.Port], []);
            case ("tcp", "flags"):
                return new NftLeft([PacketField.TcpFlags], [NftValueKind.TcpFlags], Proto(IpProtocol.Tcp));
            case ("icmp", "type" or "code"):
                return new NftLeft([field == "type" ? PacketField.IcmpType : PacketField.IcmpCode],
                    [field == "type" ? NftValueKind.IcmpType : NftValueKind.IcmpCode], Proto(IpProtocol.Icmp));
            case ("icmpv6", "type" or "code"):
                return new NftLeft([field == "type" ? PacketField.IcmpType : PacketField.IcmpCode],
                    [field == "type" ? NftValueKind.Icmp6Type : NftValueKind.Icmp6Code], Proto(IpProtocol.IcmpV6));
            default:
                return NftLeft.Fail($"payload {protocol} {field} is not modelled");
        }
    }
}
