using System.Globalization;
using System.Text.Json;

namespace Reach.Firewall;

/// <summary>
/// Renders nft JSON statements back to nft's own syntax (close to what <c>nft list ruleset</c> prints),
/// so a trace shows <c>tcp dport 22 ip saddr @allowed accept</c> rather than JSON. What it does not know
/// it prints as the JSON it was given.
/// </summary>
internal static class NftRenderer
{
    public static string Rule(JsonElement exprs)
    {
        if (exprs.ValueKind != JsonValueKind.Array)
        {
            return "";
        }

        return string.Join(' ', exprs.EnumerateArray().Select(Statement).Where(s => s.Length > 0));
    }

    public static string Statement(JsonElement st)
    {
        if (st.ValueKind != JsonValueKind.Object)
        {
            return st.GetRawText();
        }

        foreach (var p in st.EnumerateObject())
        {
            var v = p.Value;
            switch (p.Name)
            {
                case "match":
                    var left = Get(v, "left");
                    var op = Str(v, "op");
                    var iface = left is { } l && IsInterfaceName(l);
                    // "fib ... oif missing" is false in the JSON (true for "exists"): print it as nft does.
                    var right = Get(v, "right") is { } r ? r.ValueKind switch
                    {
                        JsonValueKind.False when IsFib(left) => "missing",
                        JsonValueKind.True when IsFib(left) => "exists",
                        _ => Expr(r, iface),
                    } : "";
                    // nft prints "==" only after a bitwise expression ("meta mark & 0xff == 0x2").
                    var binop = left is { ValueKind: JsonValueKind.Object } b && b.TryGetProperty("&", out _);
                    var shown = op is "in" or null || (op == "==" && !binop) ? "" : op + " ";
                    return $"{(left is { } le ? Expr(le) : "?")} {shown}{right}";
                case "counter":
                    return v.ValueKind == JsonValueKind.Object
                        ? $"counter packets {Num(v, "packets")} bytes {Num(v, "bytes")}"
                        : $"counter name {Expr(v)}";
                case "log":
                    return v.ValueKind == JsonValueKind.Object && Str(v, "prefix") is { } prefix ? $"log prefix \"{prefix}\"" : "log";
                case "limit":
                    var over = v.TryGetProperty("inv", out var inv) && inv.ValueKind == JsonValueKind.True ? "over " : "";
                    return $"limit rate {over}{Num(v, "rate")}/{Str(v, "per") ?? "second"}";
                case "accept" or "drop" or "continue" or "return":
                    return p.Name;
                case "jump" or "goto":
                    return $"{p.Name} {Str(v, "target")}";
                case "reject":
                    if (v.ValueKind != JsonValueKind.Object)
                    {
                        return "reject";
                    }

                    return Str(v, "type") is { } type ? $"reject with {type}{(Get(v, "expr") is { } code ? " " + Expr(code) : "")}" : "reject";
                case "vmap":
                    return $"{(Get(v, "key") is { } key ? Expr(key) : "?")} vmap {(Get(v, "data") is { } data ? Expr(data) : "?")}";
                case "mangle":
                    return $"{(Get(v, "key") is { } k ? Expr(k) : "?")} set {(Get(v, "value") is { } val ? Expr(val) : "?")}";
                case "dnat" or "snat":
                    var to = Get(v, "addr") is { } a ? Expr(a) : "";
                    var port = Get(v, "port") is { } pt ? ":" + Expr(pt) : "";
                    return $"{p.Name} to {to}{port}";
                case "masquerade" or "redirect" or "notrack":
                    return v.ValueKind == JsonValueKind.Object && Get(v, "port") is { } rp ? $"{p.Name} to :{Expr(rp)}" : p.Name;
                case "xt":
                    return $"xt {Str(v, "type")} {Str(v, "name")}";
                case "set" when v.ValueKind == JsonValueKind.Object:
                    // "set update ip saddr timeout 60s @s": what nft list prints for a dynamic set update.
                    var elem = Get(v, "elem") is { } el ? Expr(el) : "?";
                    return $"{Str(v, "op")} {Str(v, "set")} {{ {elem} }}";
                default:
                    return st.GetRawText();
            }
        }

        return "";
    }

    public static string Expr(JsonElement e) => Expr(e, quote: false);

    private static string Expr(JsonElement e, bool quote)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.String:
                return quote ? $"\"{e.GetString()}\"" : e.GetString()!;
            case JsonValueKind.Number:
                return e.GetRawText();
            case JsonValueKind.Array:
                return string.Join(',', e.EnumerateArray().Select(x => Expr(x, quote)));
            case JsonValueKind.Null:
                return "";
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject())
                {
                    var v = p.Value;
                    switch (p.Name)
                    {
                        case "payload":
                            return Str(v, "protocol") is { } proto ? $"{proto} {Str(v, "field")}" : $"@{Str(v, "base")},{Num(v, "offset")},{Num(v, "len")}";
                        case "meta":
                            var key = Str(v, "key");
                            return key is "iifname" or "oifname" or "iif" or "oif" ? key : $"meta {key}";
                        case "ct":
                            return $"ct {Str(v, "key")}";
                        case "numgen":
                            return $"numgen {Str(v, "mode")} mod {Num(v, "mod")}" + (Long(v, "offset") is { } off and not 0 ? $" offset {Invariant(off)}" : "");
                        case "fib":
                            var flags = Get(v, "flags") is { } f ? Expr(f).Replace(",", " . ", StringComparison.Ordinal) : "";
                            return $"fib {flags} {Str(v, "result")}";
                        case "&" or "|" or "^" or "<<" or ">>":
                            if (v.ValueKind != JsonValueKind.Array || v.GetArrayLength() != 2)
                            {
                                return e.GetRawText();
                            }

                            // A flag list as an operand is written "(fin|syn|rst|ack)".
                            var operand = v[1].ValueKind == JsonValueKind.Array
                                ? "(" + string.Join('|', v[1].EnumerateArray().Select(x => Expr(x, quote))) + ")"
                                : Expr(v[1], quote);
                            return $"{Expr(v[0], quote)} {p.Name} {operand}";
                        case "concat":
                            return string.Join(" . ", v.EnumerateArray().Select(x => Expr(x, quote)));
                        case "set":
                            return v.ValueKind == JsonValueKind.Array
                                ? "{ " + string.Join(", ", v.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.Array && x.GetArrayLength() == 2
                                    ? $"{Expr(x[0], quote)} : {Statement(x[1])}"
                                    : Expr(x, quote))) + " }"
                                : Expr(v, quote);
                        case "prefix":
                            return $"{Str(v, "addr")}/{Num(v, "len")}";
                        case "range":
                            return v.ValueKind == JsonValueKind.Array && v.GetArrayLength() == 2 ? $"{Expr(v[0], quote)}-{Expr(v[1], quote)}" : e.GetRawText();
                        case "elem":
                            return Get(v, "val") is { } val ? Expr(val, quote) + (Long(v, "timeout") is { } t ? $" timeout {Invariant(t)}s" : "") : e.GetRawText();
                        case "accept" or "drop" or "continue" or "return" or "jump" or "goto":
                            return Statement(e);
                        default:
                            return e.GetRawText();
                    }
                }

                return "{}";
            default:
                return e.GetRawText();
        }
    }

    private static bool IsFib(JsonElement? left) =>
        left is { ValueKind: JsonValueKind.Object } l && l.TryGetProperty("fib", out _);

    private static bool IsInterfaceName(JsonElement left) =>
        left.ValueKind == JsonValueKind.Object && left.TryGetProperty("meta", out var m) && Str(m, "key") is "iifname" or "oifname";

    internal static JsonElement? Get(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) ? v : null;

    internal static string? Str(JsonElement e, string name) =>
        Get(e, name) is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;

    private static string Num(JsonElement e, string name) =>
        Get(e, name) is { ValueKind: JsonValueKind.Number } v ? v.GetRawText() : Get(e, name)?.GetRawText() ?? "?";

    internal static long? Long(JsonElement e, string name) =>
        Get(e, name) is { ValueKind: JsonValueKind.Number } v && v.TryGetInt64(out var n) ? n : null;

    internal static string Invariant(long n) => n.ToString(CultureInfo.InvariantCulture);
}
