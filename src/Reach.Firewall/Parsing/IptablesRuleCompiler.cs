namespace Reach.Firewall;

/// <summary>
/// Turns the words after <c>-A CHAIN</c> into statements. Options are grouped the way iptables parses
/// them (iptables(8), iptables-extensions(8)): basic options, then each <c>-m module</c> with the options
/// that follow it, then <c>-j TARGET</c> with its options. Whatever is not understood becomes an
/// <see cref="UnsupportedMatch"/> or <see cref="UnsupportedAction"/>, never silently dropped.
/// </summary>
internal static class IptablesRuleCompiler
{
    private sealed record Group(string Kind, string Name, List<IptablesOption> Options);

    public static (List<RuleStatement> Statements, string? Comment) Compile(
        IReadOnlyList<IptablesToken> tokens, IpFamily family, IReadOnlySet<string> chains)
    {
        var groups = new List<Group>();
        Group? current = null;
        string? protocol = null;
        var statements = new List<RuleStatement>();
        var i = 0;
        while (i < tokens.Count)
        {
            var negated = false;
            if (tokens[i].IsBang)
            {
                negated = true;
                i++;
                if (i >= tokens.Count)
                {
                    statements.Add(new UnsupportedMatch("!", "a '!' ends the rule", "!"));
                    break;
                }
            }

            var word = tokens[i];
            if (!word.IsOption)
            {
                statements.Add(new UnsupportedMatch(word.Value, $"unexpected word '{word}'", word.ToString()));
                i++;
                continue;
            }

            i++;
            var args = new List<IptablesToken>();
            while (i < tokens.Count && !tokens[i].IsOption && !tokens[i].IsBang)
            {
                args.Add(tokens[i++]);
            }

            var option = new IptablesOption(word.Value, negated, args);
            switch (word.Value)
            {
                case "-m" or "--match":
                    current = new Group("m", option.Arg(0), []);
                    groups.Add(current);
                    break;
                case "-j" or "--jump":
                    current = new Group("j", option.Arg(0), []);
                    groups.Add(current);
                    break;
                case "-g" or "--goto":
                    groups.Add(new Group("g", option.Arg(0), []));
                    current = null;
                    break;
                case "-p" or "--protocol" or "-s" or "--source" or "--src" or "-d" or "--destination" or "--dst"
                    or "-i" or "--in-interface" or "-o" or "--out-interface" or "-f" or "--fragment":
                    if (word.Value is "-p" or "--protocol")
                    {
                        protocol = option.Arg(0);
                    }

                    groups.Add(new Group("basic", word.Value, [option]));
                    break;
                case "-c" or "--set-counters":
                    break; // counters, not a match
                default:
                    if (current is null && protocol is not null)
                    {
                        // iptables loads the protocol's match implicitly: "-p tcp --dport 22" means "-m tcp".
                        current = new Group("m", protocol, []);
                        groups.Add(current);
                    }

                    if (current is null)
                    {
                        statements.Add(new UnsupportedMatch(word.Value, $"option {word.Value} belongs to no module", option.ToString()));
                    }
                    else
                    {
                        current.Options.Add(option);
                    }

                    break;
            }
        }

        string? comment = null;
        foreach (var group in groups)
        {
            switch (group.Kind)
            {
                case "basic":
                    statements.Add(Basic(group.Options[0], family));
                    break;
                case "m":
                    comment = Module(group.Name, group.Options, family, statements) ?? comment;
                    break;
                case "j":
                    statements.Add(IptablesTargets.Compile(group.Name, group.Options, family, chains));
                    break;
                default:
                    statements.Add(new VerdictAction(VerdictKind.Goto, $"-g {group.Name}") { Chain = group.Name });
                    break;
            }
        }

        return (statements, comment);
    }

    private static RuleStatement Basic(IptablesOption o, IpFamily family)
    {
        var text = o.ToString();
        var op = o.Negated ? MatchOperator.NotEqual : MatchOperator.Equal;
        var arg = o.Arg(0);
        switch (o.Name)
        {
            case "-p" or "--protocol":
                if (arg is "all" or "0")
                {
                    return new FieldMatch([PacketField.Protocol], o.Negated ? MatchOperator.Equal : MatchOperator.NotEqual, [], text);
                }

                return IpProtocol.TryParse(arg, out var p)
                    ? FieldMatch.Of(PacketField.Protocol, op, new NumberValue((ulong)p), text)
                    : new UnsupportedMatch("-p", $"unknown protocol '{arg}'", text);
            case "-s" or "--source" or "--src" or "-d" or "--destination" or "--dst":
                var field = o.Name is "-s" or "--source" or "--src" ? PacketField.SourceAddress : PacketField.DestinationAddress;
                var address = ValueParsing.Address(arg);
                if (address is null || (address.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6) != (family == IpFamily.IPv6))
                {
                    return new UnsupportedMatch(o.Name, $"cannot read the address '{arg}'", text);
                }

                return FieldMatch.Of(field, op, address, text);
            case "-i" or "--in-interface" or "-o" or "--out-interface":
                // iptables(8): "If the interface name ends in a "+", then any interface which begins with this name will match."
                var pattern = arg.EndsWith('+') ? arg[..^1] + "*" : arg;
                var iface = o.Name is "-i" or "--in-interface" ? PacketField.InInterface : PacketField.OutInterface;
                return FieldMatch.Of(iface, op, new NameValue(pattern), text);
            default: // -f: second and further fragments only
                return FieldMatch.Of(PacketField.Fragment, op, new NumberValue(1), text);
        }
    }

    /// <summary>Adds the statements of one <c>-m</c> module; returns its comment when it is <c>-m comment</c>.</summary>
    private static string? Module(string module, List<IptablesOption> options, IpFamily family, List<RuleStatement> into)
    {
        var whole = $"-m {module}" + (options.Count > 0 ? " " + string.Join(' ', options) : "");
        switch (module)
        {
            case "comment":
                return options.FirstOrDefault(o => o.Name == "--comment")?.Arg(0);
            case "limit":
                into.Add(new RateLimitMatch(MatchesUnderLimit: true, whole) { Kind = RateKind.Limit });
                return null;
            case "hashlimit":
                into.Add(Hashlimit(options, family, whole));
                return null;
            case "connlimit":
                into.Add(Connlimit(options, whole));
                return null;
            case "statistic":
                into.Add(Statistic(options, whole));
                return null;
            case "rt":
                into.Add(new AbsentHeaderMatch(module, "a TCP SYN or UDP datagram from a client carries no IPv6 routing header, and -m rt matches only packets that have one", whole));
                return null;
            case "recent":
                into.Add(Recent(options, whole));
                return null;
            case "tcp" or "udp" or "udplite" or "sctp" or "dccp" or "multiport" or "state" or "conntrack" or "iprange"
                or "addrtype" or "icmp" or "icmp6" or "icmpv6" or "set" or "mark" or "connmark":
                foreach (var o in options)
                {
                    into.Add(ModuleOption(module, o, family));
                }

                return null;
            default:
                into.Add(new UnsupportedMatch(module, $"match '{module}' is not modelled", whole));
                return null;
        }
    }

    private static RuleStatement ModuleOption(string module, IptablesOption o, IpFamily family)
    {
        var text = $"-m {module} {o}";
        var op = o.Negated ? MatchOperator.NotEqual : MatchOperator.Equal;
        var arg = o.Arg(0);
        RuleStatement Unsupported(string why) => new UnsupportedMatch(module, why, text);

        switch (module, o.Name)
        {
            case ("tcp" or "udp" or "udplite" or "sctp" or "dccp", "--dport" or "--destination-port" or "--sport" or "--source-port"):
                var portField = o.Name is "--dport" or "--destination-port" ? PacketField.DestinationPort : PacketField.SourcePort;
                return ValueParsing.PortRange(arg) is { } range
                    ? FieldMatch.Of(portField, op, range, text)
                    : Unsupported($"cannot read the port '{arg}'");
            case ("tcp", "--tcp-flags"):
                return TcpFlags(o.Arg(0)) is { } mask && TcpFlags(o.Arg(1)) is { } comp
                    ? new FieldMatch([PacketField.TcpFlags], op, [new NumberValue(comp)], text) { Mask = mask }
                    : Unsupported($"cannot read the flags '{o.Arg(0)} {o.Arg(1)}'");
            case ("tcp", "--syn"):
                // iptables-extensions(8): --syn is "--tcp-flags SYN,RST,ACK,FIN SYN".
                return new FieldMatch([PacketField.TcpFlags], op, [new NumberValue((ulong)TcpControlBits.Syn)], text)
                {
                    Mask = (ulong)(TcpControlBits.Syn | TcpControlBits.Rst | TcpControlBits.Ack | TcpControlBits.Fin),
                };
            case ("multiport", "--dports" or "--destination-ports" or "--sports" or "--source-ports" or "--ports"):
                var field = o.Name switch
                {
                    "--dports" or "--destination-ports" => PacketField.DestinationPort,
                    "--sports" or "--source-ports" => PacketField.SourcePort,
                    _ => PacketField.AnyPort,
                };
                var ports = arg.Split(',').Select(p => ValueParsing.PortRange(p)).ToList();
                return ports.Any(p => p is null)
                    ? Unsupported($"cannot read the ports '{arg}'")
                    : new FieldMatch([field], op, [.. ports.OfType<NumberValue>()], text);
            case ("state", "--state") or ("conntrack", "--ctstate"):
                var bits = new List<FieldValue>();
                foreach (var name in arg.Split(','))
                {
                    if (StateBit(name) is not { } bit)
                    {
                        return Unsupported($"state '{name}' is not modelled");
                    }

                    bits.Add(new NumberValue(bit));
                }

                return new FieldMatch([PacketField.ConnState], op, bits, text);
            case ("iprange", "--src-range" or "--dst-range"):
                var ipRange = ValueParsing.AddressRange(arg);
                return ipRange is null
                    ? Unsupported($"cannot read the range '{arg}'")
                    : FieldMatch.Of(o.Name == "--src-range" ? PacketField.SourceAddress : PacketField.DestinationAddress, op, ipRange, text);
            case ("addrtype", "--src-type" or "--dst-type"):
                return new FieldMatch(
                    [o.Name == "--src-type" ? PacketField.SourceAddressType : PacketField.DestinationAddressType],
                    op,
                    [.. arg.Split(',').Select(t => new NameValue(t.ToLowerInvariant()))],
                    text);
            case ("icmp", "--icmp-type") or ("icmp6" or "icmpv6", "--icmpv6-type"):
                if (!IcmpNames.TryParseIptables(arg, module != "icmp", out var type, out var code))
                {
                    return Unsupported($"ICMP type '{arg}' is not known");
                }

                if (type < 0)
                {
                    // "any": every ICMP packet; "! any": none.
                    return new FieldMatch([PacketField.IcmpType], o.Negated ? MatchOperator.Equal : MatchOperator.NotEqual, [], text);
                }

                return code < 0
                    ? FieldMatch.Of(PacketField.IcmpType, op, new NumberValue((ulong)type), text)
                    : new FieldMatch([PacketField.IcmpType, PacketField.IcmpCode], op,
                        [new TupleValue([new NumberValue((ulong)type), new NumberValue((ulong)code)])], text);
            case ("set", "--match-set"):
                var flags = o.Arg(1).Split(',');
                return flags.All(f => f is "src" or "dst")
                    ? new IpsetMatch(arg, [.. flags.Select(f => f == "src")], o.Negated, text)
                    : Unsupported($"cannot read the flags '{o.Arg(1)}'");
            case ("set", "--update-counters" or "--update-subcounters"):
                return new NoteAction("set", text); // only whether the set's counters move
            case ("mark" or "connmark", "--mark"):
                return ValueParsing.ValueMask(arg) is { } vm
                    ? new FieldMatch([module == "mark" ? PacketField.Mark : PacketField.ConnMark], op, [new NumberValue(vm.Value & vm.Mask)], text) { Mask = vm.Mask }
                    : Unsupported($"cannot read the mark '{arg}'");
            default:
                return Unsupported($"option {o.Name} of '{module}' is not modelled");
        }
    }

    /// <summary>-m statistic: random mode is traced both ways; nth mode depends on a counter no dump shows.</summary>
    private static RuleMatch Statistic(List<IptablesOption> options, string whole)
    {
        var mode = options.FirstOrDefault(o => o.Name == "--mode")?.Arg(0);
        var probability = options.FirstOrDefault(o => o.Name == "--probability")?.Arg(0);
        if (mode == "random" && double.TryParse(probability, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var p) && p is >= 0 and <= 1)
        {
            var negated = options.First(o => o.Name == "--probability").Negated;
            return new RandomMatch(negated ? 1 - p : p, whole);
        }

        return new UnsupportedMatch("statistic", "-m statistic --mode nth counts packets in the kernel, which no dump shows", whole);
    }

    /// <summary>
    /// -m recent (ufw limit, port-knocking, blocklists): --set always matches (xt_recent.c's recent_mt
    /// returns true once it has added the address); --rcheck, --update and --remove match only an address
    /// on the list (within --seconds, with --hitcount hits), which /proc/net/xt_recent/NAME shows. Without
    /// that state, matching is "the client is listed", i.e. over the limit.
    /// </summary>
    private static RuleMatch Recent(List<IptablesOption> options, string whole)
    {
        var negated = options.Any(o => o.Negated && o.Name is "--set" or "--rcheck" or "--update" or "--remove");
        RecentCommand? command = null;
        foreach (var o in options)
        {
            command = o.Name switch
            {
                "--set" => RecentCommand.Set,
                "--rcheck" => RecentCommand.Check,
                "--update" => RecentCommand.Update,
                "--remove" => RecentCommand.Remove,
                _ => command,
            };
        }

        if (command is not { } c)
        {
            return new UnsupportedMatch("recent", "no --set, --rcheck, --update or --remove", whole);
        }

        int? Number(string name) => options.FirstOrDefault(o => o.Name == name) is { } o
            && int.TryParse(o.Arg(0), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
        var mask = options.FirstOrDefault(o => o.Name == "--mask") is { } m && System.Net.IPAddress.TryParse(m.Arg(0), out var parsed) ? parsed : null;
        var spec = new RecentSpec(
            options.FirstOrDefault(o => o.Name == "--name")?.Arg(0) is { Length: > 0 } name ? name : "DEFAULT",
            c,
            Number("--seconds"),
            Number("--hitcount"),
            options.Any(o => o.Name == "--rdest"),
            mask,
            options.Any(o => o.Name == "--rttl"),
            negated);
        var listed = c != RecentCommand.Set;
        return new RateLimitMatch(MatchesUnderLimit: negated ? listed : !listed, whole) { Kind = RateKind.Recent, Recent = spec };
    }

    /// <summary>
    /// -m hashlimit: a token bucket per key (--hashlimit-mode), /proc/net/ipt_hashlimit/NAME. The bucket
    /// lives --hashlimit-htable-expire ms after its last packet; libxt_hashlimit's default is the rate's
    /// unit (a rate per minute: 60 s).
    /// </summary>
    private static RateLimitMatch Hashlimit(List<IptablesOption> options, IpFamily family, string whole)
    {
        var above = options.FirstOrDefault(o => o.Name == "--hashlimit-above");
        var rate = above ?? options.FirstOrDefault(o => o.Name is "--hashlimit-upto" or "--hashlimit");
        var match = new RateLimitMatch(above is null, whole) { Kind = RateKind.Hashlimit };
        var name = options.FirstOrDefault(o => o.Name == "--hashlimit-name")?.Arg(0);
        if (rate is null || name is not { Length: > 0 } || options.Any(o => o.Name == "--hashlimit-rate-match"))
        {
            return match;
        }

        var (perSecond, unit) = PacketRate(rate.Arg(0));
        double? expire = options.FirstOrDefault(o => o.Name == "--hashlimit-htable-expire") is { } e
            && double.TryParse(e.Arg(0), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var ms) ? ms / 1000 : null;
        var full = family == IpFamily.IPv6 ? 128 : 32;
        int Mask(string option) => options.FirstOrDefault(o => o.Name == option) is { } o
            && int.TryParse(o.Arg(0), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : full;
        var mode = options.FirstOrDefault(o => o.Name == "--hashlimit-mode")?.Arg(0).Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [];
        return match with
        {
            Hashlimit = new HashlimitSpec(name, perSecond, expire ?? unit, mode, Mask("--hashlimit-srcmask"), Mask("--hashlimit-dstmask"), rate.Arg(0)),
        };
    }

    /// <summary>"5/sec", "1/min", "3/hour", "10/day" (iptables-extensions(8)); a byte rate ("1kb/s") is not a packet rate: null.</summary>
    internal static (double? PerSecond, double UnitSeconds) PacketRate(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var unit = (slash < 0 ? "sec" : text[(slash + 1)..]).ToLowerInvariant() switch
        {
            "s" or "sec" or "second" => 1.0,
            "m" or "min" or "minute" => 60.0,
            "h" or "hour" => 3600.0,
            "d" or "day" => 86400.0,
            _ => 0,
        };
        var count = slash < 0 ? text : text[..slash];
        return unit > 0 && double.TryParse(count, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? (n / unit, unit)
            : (null, unit > 0 ? unit : 1);
    }

    /// <summary>-m connlimit: matches when the connections counted for the key (with this one) exceed the limit (--connlimit-above), or do not (--connlimit-upto).</summary>
    private static RateLimitMatch Connlimit(List<IptablesOption> options, string whole)
    {
        var above = options.FirstOrDefault(o => o.Name == "--connlimit-above");
        var limit = above ?? options.FirstOrDefault(o => o.Name == "--connlimit-upto");
        var match = new RateLimitMatch(above is null, whole) { Kind = RateKind.Connlimit };
        if (limit is null || !int.TryParse(limit.Arg(0), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
        {
            return match;
        }

        int? mask = options.FirstOrDefault(o => o.Name == "--connlimit-mask") is { } m
            && int.TryParse(m.Arg(0), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var bits) ? bits : null;
        return match with { Connlimit = new ConnlimitSpec(n, mask, options.Any(o => o.Name == "--connlimit-daddr")) };
    }

    /// <summary>ct state bits as the kernel numbers them (NF_CT_STATE_BIT, nft's ct_state type).</summary>
    internal static ulong? StateBit(string name) => name.ToUpperInvariant() switch
    {
        "INVALID" => 1,
        "ESTABLISHED" => 2,
        "RELATED" => 4,
        "NEW" => 8,
        "UNTRACKED" => 64,
        _ => null,
    };

    private static ulong? TcpFlags(string list)
    {
        ulong bits = 0;
        foreach (var name in list.Split(','))
        {
            bits |= name.ToUpperInvariant() switch
            {
                "FIN" => (ulong)TcpControlBits.Fin,
                "SYN" => (ulong)TcpControlBits.Syn,
                "RST" => (ulong)TcpControlBits.Rst,
                "PSH" => (ulong)TcpControlBits.Psh,
                "ACK" => (ulong)TcpControlBits.Ack,
                "URG" => (ulong)TcpControlBits.Urg,
                "ALL" => 0x3f,
                "NONE" => 0,
                _ => ulong.MaxValue,
            };
        }

        return bits == ulong.MaxValue ? null : bits;
    }
}
