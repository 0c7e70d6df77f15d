using System.Net;

namespace Reach.Firewall;

/// <summary>The <c>-j TARGET</c> of a rule (iptables-extensions(8), TARGET EXTENSIONS).</summary>
internal static class IptablesTargets
{
    // Targets that never decide the packet's fate nor change what later rules compare.
    private static readonly HashSet<string> NoEffect = new(StringComparer.Ordinal)
    {
        "LOG", "NFLOG", "ULOG", "TRACE", "AUDIT", "TCPMSS", "CLASSIFY", "DSCP", "TOS", "TTL", "HL", "CHECKSUM",
        "SECMARK", "CONNSECMARK", "IDLETIMER", "LED", "RATEEST", "TEE", "SET", "TCPOPTSTRIP", "NFACCT", "ECN",
    };

    public static RuleAction Compile(string target, List<IptablesOption> options, IpFamily family, IReadOnlySet<string> chains)
    {
        var text = $"-j {target}" + (options.Count > 0 ? " " + string.Join(' ', options) : "");
        string? Opt(string name) => options.FirstOrDefault(o => o.Name == name)?.Arg(0);

        switch (target)
        {
            case "ACCEPT":
                return new VerdictAction(VerdictKind.Accept, text);
            case "DROP":
                return new VerdictAction(VerdictKind.Drop, text);
            case "RETURN":
                return new VerdictAction(VerdictKind.Return, text);
            case "REJECT":
                var with = Opt("--reject-with");
                var spec = with is null ? RejectNames.IptablesDefault(family) : RejectNames.Iptables(with, family);
                return spec is null
                    ? new UnsupportedAction(target, $"reject type '{with}' is not known", text)
                    : new VerdictAction(VerdictKind.Reject, text) { Reject = spec };
            case "MARK":
                return Mark(options, onConnection: false, text);
            case "CONNMARK":
                return Mark(options, onConnection: true, text);
            case "NOTRACK":
                return new NotrackAction(text);
            case "CT":
                return options.Any(o => o.Name == "--notrack") ? new NotrackAction(text) : new NoteAction(target, text);
            case "DNAT":
                return Nat(NatKind.Dnat, Opt("--to-destination"), text);
            case "SNAT":
                return Nat(NatKind.Snat, Opt("--to-source"), text);
            case "MASQUERADE":
                return new NatAction(NatKind.Masquerade, null, null, Exact: false, text);
            case "NETMAP":
                return new NatAction(NatKind.Netmap, null, null, Exact: false, text);
            case "REDIRECT":
                var ports = Opt("--to-ports");
                var port = ports is null ? null : ValueParsing.PortRange(ports, '-');
                return new NatAction(NatKind.Redirect, null, port is { } p && p.Low == p.High ? (int)p.Low : null,
                    Exact: ports is null || port is { } q && q.Low == q.High, text);
            case "NFQUEUE" or "QUEUE":
                return new UnsupportedAction(target, "the verdict comes from a userspace program reading the queue", text);
            case "TPROXY":
                return new UnsupportedAction(target, "TPROXY diverts the packet to a local socket", text);
            case "SYNPROXY":
                return new UnsupportedAction(target, "SYNPROXY answers the SYN itself", text);
            default:
                if (chains.Contains(target))
                {
                    return new VerdictAction(VerdictKind.Jump, text) { Chain = target };
                }

                return NoEffect.Contains(target)
                    ? new NoteAction(target, text)
                    : new UnsupportedAction(target, $"target '{target}' is not modelled", text);
        }
    }

    private static SetMarkAction Mark(List<IptablesOption> options, bool onConnection, string text)
    {
        var o = options.FirstOrDefault(x => x.Name.EndsWith("mark", StringComparison.Ordinal));
        var masksDefault = options.All(x => x.Name is not ("--nfmask" or "--ctmask" or "--mask") || ValueParsing.Number(x.Arg(0)) == uint.MaxValue);
        var value = o is null ? null : ValueParsing.ValueMask(o.Arg(0));
        return (o?.Name, value) switch
        {
            ("--set-xmark" or "--set-mark", { } v) => new SetMarkAction(onConnection, MarkOperation.SetXor, v.Value, v.Mask, text),
            ("--and-mark", { } v) => new SetMarkAction(onConnection, MarkOperation.And, v.Value, uint.MaxValue, text),
            ("--or-mark", { } v) => new SetMarkAction(onConnection, MarkOperation.Or, v.Value, uint.MaxValue, text),
            ("--xor-mark", { } v) => new SetMarkAction(onConnection, MarkOperation.SetXor, v.Value, 0, text),
            ("--save-mark", _) when onConnection && masksDefault => new SetMarkAction(true, MarkOperation.Copy, 0, uint.MaxValue, text),
            ("--restore-mark", _) when onConnection && masksDefault => new SetMarkAction(false, MarkOperation.Copy, 0, uint.MaxValue, text),
            ("--restore-mark", _) => new SetMarkAction(false, MarkOperation.Unknown, 0, 0, text),
            _ => new SetMarkAction(onConnection, MarkOperation.Unknown, 0, 0, text),
        };
    }

    /// <summary><c>ADDR[-ADDR][:PORT[-PORT]]</c>, IPv6 as <c>[ADDR]:PORT</c> (iptables-extensions(8), DNAT).</summary>
    private static NatAction Nat(NatKind kind, string? to, string text)
    {
        if (to is null)
        {
            return new NatAction(kind, null, null, Exact: false, text);
        }

        string addressPart;
        string? portPart = null;
        if (to.StartsWith('['))
        {
            var close = to.IndexOf(']', StringComparison.Ordinal);
            addressPart = close < 0 ? to[1..] : to[1..close];
            if (close >= 0 && close + 1 < to.Length && to[close + 1] == ':')
            {
                portPart = to[(close + 2)..];
            }
        }
        else if (to.Count(c => c == ':') == 1)
        {
            var colon = to.IndexOf(':', StringComparison.Ordinal);
            addressPart = to[..colon];
            portPart = to[(colon + 1)..];
        }
        else
        {
            addressPart = to;
        }

        IPAddress? address = null;
        var exact = true;
        if (addressPart.Length > 0 && !IPAddress.TryParse(addressPart, out address))
        {
            exact = false; // a range of addresses: which one is not known
        }

        int? port = null;
        if (portPart is { Length: > 0 })
        {
            var range = ValueParsing.PortRange(portPart, '-');
            if (range is { } r && r.Low == r.High)
            {
                port = (int)r.Low;
            }
            else
            {
                exact = false;
            }
        }

        return new NatAction(kind, address, port, exact, text);
    }
}
