namespace Reach.Firewall;

/// <summary>
/// One walk of one packet: hook by hook, base chain by base chain (lowest priority first), rule by rule.
/// ACCEPT ends only the current base chain, the packet goes on to the next one on the hook and to the
/// next hook (nf_hook_slow: NF_ACCEPT continues with the next hook entry); DROP and REJECT end everything.
/// </summary>
internal sealed class TraceWalker
{
    // x_tables refuses rulesets whose jumps loop; nf_tables limits the jump stack to 16 (NFT_JUMP_STACK_SIZE).
    // A dump can still hold a loop the kernel would refuse, so stop there.
    private const int MaxDepth = 64;
    private const int MaxSteps = 1_000_000;

    private readonly Ruleset _ruleset;
    private readonly Packet _packet;
    private readonly PacketState _state;
    private readonly MatchEvaluator _eval;
    private readonly List<TraceStep> _steps = [];
    private readonly List<string> _notes = [];
    private readonly PacketRouter? _router;
    private readonly List<string> _translations = [];
    private TraceStep? _lastAccept;

    // Hooks where a nat chain has set up the connection's binding: nf_nat_inet_fn runs the nat chains of a
    // hook by priority only until one does (nf_nat_initialized), so no later table translates it again.
    private readonly HashSet<ChainHook> _natBound = [];
    private bool _rateDependent;
    private readonly List<RateFact> _rateFacts = [];
    private string? _route;
    private System.Net.IPAddress? _routeMissing;

    public TraceWalker(Ruleset ruleset, Packet packet, PacketRouter? router = null, Func<IReadOnlyList<double>, int>? choose = null)
    {
        _ruleset = ruleset;
        _packet = packet;
        _router = router;
        _state = new PacketState(packet);
        if (choose is not null)
        {
            _state.Choose = choose;
        }

        _eval = new MatchEvaluator(ruleset, _state);
    }

    private enum Flow
    {
        NextRule,
        AcceptChain,
        Final,
        Return,
        Jump,
        Goto,
    }

    private readonly record struct Outcome(Flow Flow, TraceResult? Final = null, string? Chain = null);

    public TraceResult Run()
    {
        _notes.AddRange(_ruleset.Notes);
        var hooks = Hooks(_packet.Direction).ToList();
        for (var h = 0; h < hooks.Count; h++)
        {
            var hook = hooks[h];
            _state.Hook = hook;
            if (RunHook(hook) is { } final)
            {
                return final;
            }

            if (hook == ChainHook.Prerouting && _packet.Direction == TrafficDirection.Input && _router is not null)
            {
                // ip_rcv_finish: the route decision after PREROUTING, for the destination as NAT left it.
                if (Route() is { } stop)
                {
                    return stop;
                }

                if (_state.Path == TrafficDirection.Forward)
                {
                    hooks[h + 1] = ChainHook.Forward;
                    hooks.Add(ChainHook.Postrouting);
                }
            }
        }

        return Result(Verdict.Accept, _lastAccept);
    }

    /// <summary>Decides INPUT or FORWARD; a final result when the route says neither.</summary>
    private TraceResult? Route()
    {
        if (_state.RedirectedLocally)
        {
            _route = "REDIRECT: delivered to this host";
            return null;
        }

        if (_state.Destination is not { } destination)
        {
            var step = new TraceStep(StepOutcome.Inconclusive, RouteRef(), null, null, "route decision", null, "the destination after NAT is not known");
            _steps.Add(step);
            return Result(Verdict.Inconclusive, step) with { InconclusiveReason = "the destination after NAT is not known, so the route decision cannot be followed" };
        }

        var choice = _router!(destination);
        if (choice is null)
        {
            var step = new TraceStep(StepOutcome.Inconclusive, RouteRef(), null, null, $"route to {destination}", null, "the route decision was not read");
            _steps.Add(step);
            _routeMissing = destination;
            return Result(Verdict.Inconclusive, step) with { InconclusiveReason = $"the route to {destination} was not read" };
        }

        _route = choice.Detail;
        switch (choice.Kind)
        {
            case RouteKind.Local:
                return null;
            case RouteKind.Forward:
                _state.Path = TrafficDirection.Forward;
                _state.OutInterface = choice.OutInterface;
                return null;
            default:
                var dropped = new TraceStep(StepOutcome.Matched, RouteRef(), null, null, $"route to {destination}", null, choice.Detail);
                _steps.Add(dropped);
                return choice.Answer is { } answer
                    ? Result(Verdict.Reject, dropped) with { NoRoute = choice.Detail, Reject = answer }
                    : Result(Verdict.Drop, dropped) with { NoRoute = choice.Detail };
        }
    }

    /// <summary>An address as the host part of ADDR:PORT: IPv6 in brackets (RFC 3986), as nft prints a dnat target.</summary>
    private static string Host(System.Net.IPAddress? a) =>
        a is null ? "?" : a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{a}]" : a.ToString();

    private static ChainRef RouteRef() => new("route", TableFamily.Inet, "routing", "decision", ChainHook.Prerouting);

    private TraceResult? RunHook(ChainHook hook)
    {
        var chains = _ruleset.BaseChains(hook, _packet.Family);
        for (var i = 0; i < chains.Count; i++)
        {
            var (table, chain) = chains[i];
            var info = chain.Base!;
            var where = Ref(table, chain);
            if (i > 0 && chains[i - 1].Chain.Base!.Priority == info.Priority && chains[i - 1].Table != table)
            {
                _notes.Add($"{Ref(chains[i - 1].Table, chains[i - 1].Chain)} and {where} share priority {info.Priority} on {hook}: "
                    + "the kernel runs the one registered last first, which no dump shows; their order here is the listing order");
            }

            if (info.Type == ChainType.Nat && _state.State != ConnState.New)
            {
                _steps.Add(new TraceStep(StepOutcome.Skipped, where, null, null, $"{info.Type} chain", null,
                    $"nat chains see only the first packet of a connection; this one is {_state.State.ToString().ToUpperInvariant()}"));
                continue;
            }

            if (info.Type == ChainType.Nat && _natBound.Contains(hook))
            {
                _steps.Add(new TraceStep(StepOutcome.Skipped, where, null, null, $"{info.Type} chain", null,
                    "an earlier nat chain on this hook already translated the connection: the kernel runs no further nat chain here (nf_nat_inet_fn)"));
                continue;
            }

            if (hook is ChainHook.Ingress && info.Devices is { Count: > 0 } devices && _packet.InInterface is { } iif && !devices.Contains(iif))
            {
                _steps.Add(new TraceStep(StepOutcome.Skipped, where, null, null, $"ingress chain of {string.Join(", ", devices)}", null, $"the packet arrives on {iif}"));
                continue;
            }

            if (hook is ChainHook.Ingress && info.Devices is not { Count: > 0 })
            {
                _notes.Add($"{where} is an ingress chain whose device was not read: assumed to be the packet's input device");
            }

            if (RunBaseChain(table, chain) is { } final)
            {
                return final;
            }
        }

        return null;
    }

    /// <summary>The hooks a packet meets, in order (netfilter's packet flow; ingress comes before prerouting).</summary>
    private static ChainHook[] Hooks(TrafficDirection direction) => direction switch
    {
        TrafficDirection.Input => [ChainHook.Ingress, ChainHook.Prerouting, ChainHook.Input],
        TrafficDirection.Forward => [ChainHook.Ingress, ChainHook.Prerouting, ChainHook.Forward, ChainHook.Postrouting],
        _ => [ChainHook.Output, ChainHook.Postrouting],
    };

    private ChainRef Ref(FirewallTable table, FirewallChain chain) =>
        new(table.Source, table.Family, table.Name, chain.Name, _state.Hook);

    /// <summary>Runs one base chain with its jumps; null when it accepted (the walk goes on), else the final result.</summary>
    private TraceResult? RunBaseChain(FirewallTable table, FirewallChain baseChain)
    {
        var stack = new Stack<(FirewallChain Chain, int Next)>();
        var chain = baseChain;
        var i = 0;
        var count = 0;
        while (true)
        {
            if (++count > MaxSteps)
            {
                return Inconclusive(Ref(table, chain), null, "", "the walk did not end: the dump holds a loop the kernel would refuse");
            }

            if (i >= chain.Rules.Count)
            {
                if (stack.Count == 0)
                {
                    return Policy(table, baseChain, chain == baseChain ? null : $"end of {chain.Name}, reached by goto");
                }

                (chain, i) = stack.Pop();
                continue;
            }

            var rule = chain.Rules[i];
            var outcome = RunRule(table, chain, rule);
            switch (outcome.Flow)
            {
                case Flow.NextRule:
                    i++;
                    break;
                case Flow.AcceptChain:
                    return null;
                case Flow.Final:
                    return outcome.Final;
                case Flow.Return:
                    if (stack.Count == 0)
                    {
                        return Policy(table, baseChain, $"RETURN from {chain.Name}");
                    }

                    (chain, i) = stack.Pop();
                    break;
                default:
                    var target = outcome.Chain is null ? null : table.FindChain(outcome.Chain);
                    if (target is null || target.IsBaseChain)
                    {
                        return Inconclusive(Ref(table, chain), rule, rule.Text,
                            target is null ? $"chain {outcome.Chain} does not exist in {table.QualifiedName}" : $"a jump to base chain {outcome.Chain}");
                    }

                    if (stack.Count >= MaxDepth)
                    {
                        return Inconclusive(Ref(table, chain), rule, rule.Text, $"jumps nest deeper than {MaxDepth}: a loop");
                    }

                    if (outcome.Flow == Flow.Jump)
                    {
                        stack.Push((chain, i + 1));
                    }

                    chain = target;
                    i = 0;
                    break;
            }
        }
    }

    private Outcome RunRule(FirewallTable table, FirewallChain chain, FirewallRule rule)
    {
        var where = Ref(table, chain);
        var matched = Tri.True;
        string? unknownWhy = null;
        var rated = false;
        foreach (var m in rule.Statements.OfType<RuleMatch>())
        {
            var t = _eval.Evaluate(m, table, out var why);
            var fromState = false;
            if (m is RateLimitMatch && _eval.LastRateFact is { } fact)
            {
                _rateFacts.Add(fact with { Rule = $"{where} rule {rule.Number}" + (rule.Handle is { } h ? $" (handle {h})" : string.Empty) });
                _eval.LastRateFact = null;
                fromState = fact.FromState;
            }

            if (t == Tri.False)
            {
                if (m is RateLimitMatch { MatchesUnderLimit: false } && !fromState && _packet.Rate == ClientRate.Under && rule.Statements.OfType<RuleAction>().Any(a => a is not NoteAction))
                {
                    // An "over the rate" match (ufw limit's recent --hitcount, limit rate over) with no state
                    // read: the client is taken to be under it, so the rule is passed by; above the rate it would decide.
                    _rateDependent = true;
                    _notes.Add($"{where} rule {rule.Number} applies only above a rate; the trace assumes the traffic is under it");
                }

                Step(StepOutcome.NotMatched, where, rule, null);
                return new Outcome(Flow.NextRule);
            }

            if (t == Tri.Unknown && matched == Tri.True)
            {
                matched = Tri.Unknown;
                unknownWhy = why;
            }

            rated |= m is RateLimitMatch && !fromState;
        }

        var actions = rule.Statements.OfType<RuleAction>().ToList();
        if (matched == Tri.Unknown)
        {
            if (actions.All(a => a is NoteAction || a is VerdictAction { Kind: VerdictKind.Continue }))
            {
                Step(StepOutcome.Ignored, where, rule, $"not evaluated ({unknownWhy}); it only logs or counts, so it cannot change the verdict");
                return new Outcome(Flow.NextRule);
            }

            if (actions.All(a => a is NoteAction or SetMarkAction))
            {
                // It may or may not have set a mark: later mark matches become inconclusive, nothing else.
                foreach (var mark in actions.OfType<SetMarkAction>())
                {
                    ApplyMark(mark with { Operation = MarkOperation.Unknown });
                }

                Step(StepOutcome.Ignored, where, rule, $"not evaluated ({unknownWhy}); it only sets a mark, which is unknown from here on");
                return new Outcome(Flow.NextRule);
            }

            return new Outcome(Flow.Final, Inconclusive(where, rule, rule.Text, unknownWhy ?? "a match could not be evaluated"));
        }

        if (rated && actions.Any(a => a is not NoteAction))
        {
            _rateDependent = true;
            _notes.Add($"{where} rule {rule.Number} holds a rate limit; the trace assumes the traffic is {(_packet.Rate == ClientRate.Over ? "over" : "under")} it");
        }

        var effects = new List<string>();
        foreach (var action in actions)
        {
            switch (action)
            {
                case NoteAction:
                    break;
                case SetMarkAction mark:
                    effects.Add(ApplyMark(mark));
                    break;
                case NatAction nat:
                    effects.Add(ApplyNat(nat, where, rule));
                    break;
                case NotrackAction:
                    _state.State = ConnState.Untracked;
                    effects.Add("the packet is UNTRACKED from here on");
                    break;
                case UnsupportedAction u:
                    return new Outcome(Flow.Final, Inconclusive(where, rule, rule.Text, $"{u.Target}: {u.Reason}"));
                case VerdictMapAction map:
                    var lookup = Lookup(map, table, out var why);
                    if (lookup is null)
                    {
                        if (why is not null)
                        {
                            return new Outcome(Flow.Final, Inconclusive(where, rule, rule.Text, why));
                        }

                        Step(StepOutcome.NotMatched, where, rule, "no element of the verdict map matches");
                        return new Outcome(Flow.NextRule);
                    }

                    return ApplyVerdict(lookup, where, rule, effects, $"verdict map gives {lookup.Text}");
                case VerdictAction v:
                    return ApplyVerdict(v, where, rule, effects, null);
            }
        }

        if (actions.Any(a => a is NatAction))
        {
            // A NAT target ends the chain as ACCEPT would: x_tables' DNAT/SNAT/MASQUERADE/REDIRECT/NETMAP and
            // nft's nat statements return the verdict of nf_nat_setup_info, NF_ACCEPT. kube-proxy relies on
            // it: the KUBE-SEP chain a random branch jumps to DNATs, and the next branch is never met.
            _lastAccept = Step(StepOutcome.Matched, where, rule, string.Join("; ", effects));
            _natBound.Add(_state.Hook);
            return new Outcome(Flow.AcceptChain);
        }

        Step(StepOutcome.Matched, where, rule, effects.Count > 0 ? string.Join("; ", effects) : "no verdict: on to the next rule");
        return new Outcome(Flow.NextRule);
    }

    private Outcome ApplyVerdict(VerdictAction v, ChainRef where, FirewallRule rule, List<string> effects, string? how)
    {
        string Detail(string what) => string.Join("; ", effects.Append(how is null ? what : $"{how}: {what}"));
        switch (v.Kind)
        {
            case VerdictKind.Accept:
                _lastAccept = Step(StepOutcome.Matched, where, rule, Detail($"ACCEPT ends {where.Table}/{where.Chain}; the packet goes on to the next base chain"));
                return new Outcome(Flow.AcceptChain);
            case VerdictKind.Drop:
                var dropped = Step(StepOutcome.Matched, where, rule, Detail("DROP"));
                return new Outcome(Flow.Final, Result(Verdict.Drop, dropped));
            case VerdictKind.Reject:
                var spec = v.Reject ?? RejectNames.IptablesDefault(_packet.Family);
                var rejected = Step(StepOutcome.Matched, where, rule, Detail($"REJECT with {spec.Name}"));
                return new Outcome(Flow.Final, Result(Verdict.Reject, rejected) with { Reject = RejectWith.For(spec, _packet.Family) });
            case VerdictKind.Return:
                Step(StepOutcome.Matched, where, rule, Detail("RETURN"));
                return new Outcome(Flow.Return);
            case VerdictKind.Jump:
                Step(StepOutcome.Matched, where, rule, Detail($"jump to {v.Chain}"));
                return new Outcome(Flow.Jump, Chain: v.Chain);
            case VerdictKind.Goto:
                Step(StepOutcome.Matched, where, rule, Detail($"goto {v.Chain}: its end returns past this chain"));
                return new Outcome(Flow.Goto, Chain: v.Chain);
            default:
                Step(StepOutcome.Matched, where, rule, Detail("continue"));
                return new Outcome(Flow.NextRule);
        }
    }

    private VerdictAction? Lookup(VerdictMapAction map, FirewallTable table, out string? why)
    {
        why = null;
        IReadOnlyList<NftSetElement> entries = map.Entries;
        if (map.MapName is { } name)
        {
            var set = table.FindSet(name);
            if (set is null || set.Unreadable is not null)
            {
                why = set is null ? $"map @{name} is not in table {table.QualifiedName}" : $"map @{name}: {set.Unreadable}";
                return null;
            }

            entries = set.Elements;
        }

        if (map.RandomModulus is { } modulus && map.Fields is [PacketField.Random])
        {
            // numgen random mod N: each key equally likely; every one is traced.
            var chosen = (ulong)_state.Choose([.. Enumerable.Repeat(1.0 / modulus, modulus)]);
            return entries.FirstOrDefault(e => MatchEvaluator.Matches(e.Key, [FieldReading.Of(chosen)]))?.Verdict;
        }

        var readings = map.Fields.Select(_state.Read).ToList();
        if (readings.Any(r => r.Kind == ReadingKind.Absent))
        {
            return null;
        }

        if (readings.FirstOrDefault(r => r.Kind == ReadingKind.Unknown) is { Kind: ReadingKind.Unknown } unknown)
        {
            why = unknown.Why;
            return null;
        }

        return entries.FirstOrDefault(e => MatchEvaluator.Matches(e.Key, readings))?.Verdict;
    }

    private string ApplyMark(SetMarkAction mark)
    {
        uint? current = mark.OnConnection ? _state.ConnMark : _state.Mark;
        uint? next = (mark.Operation, current) switch
        {
            (MarkOperation.SetXor, { } c) => (c & ~mark.Mask) ^ mark.Value,
            (MarkOperation.And, { } c) => c & mark.Value,
            (MarkOperation.Or, { } c) => c | mark.Value,
            (MarkOperation.Copy, _) => mark.OnConnection ? _state.Mark : _state.ConnMark,
            _ => null,
        };
        if (mark.OnConnection)
        {
            _state.ConnMark = next;
        }
        else
        {
            _state.Mark = next;
        }

        var what = mark.OnConnection ? "connection mark" : "mark";
        return next is { } n ? $"{what} is now 0x{n:x}" : $"{what} is now unknown";
    }

    private string ApplyNat(NatAction nat, ChainRef where, FirewallRule rule)
    {
        var translatesDestination = nat.Kind is NatKind.Dnat or NatKind.Redirect
            || (nat.Kind == NatKind.Netmap && _state.Hook is ChainHook.Prerouting or ChainHook.Output);
        if (translatesDestination)
        {
            var before = $"{Host(_state.Destination)}:{_state.DestinationPort?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}";
            var (oldAddress, oldPort) = (_state.Destination, _state.DestinationPort);
            if (nat.Kind == NatKind.Redirect)
            {
                _state.Destination = _packet.RedirectAddress;
                _state.RedirectedLocally = true;
            }
            else if (nat.Exact && nat.Address is { } address)
            {
                _state.Destination = address;
            }
            else if (!nat.Exact)
            {
                _state.Destination = null;
            }

            if (nat.Port is { } port)
            {
                _state.DestinationPort = port;
            }
            else if (!nat.Exact)
            {
                _state.DestinationPort = null;
            }

            // nf_nat_setup_info marks the connection IPS_DST_NAT only when the tuple really changes: a
            // REDIRECT to the address and port the packet already has is no translation (ct status dnat
            // then does not match; OpenWrt's fw4 drops such a packet in input_wan).
            var changed = oldAddress is null || _state.Destination is null || !oldAddress.Equals(_state.Destination) || oldPort != _state.DestinationPort;
            _state.DestinationTranslated |= changed;
            var to = $"{(nat.Kind == NatKind.Redirect && _state.Destination is null ? "this host" : Host(_state.Destination))}:{_state.DestinationPort?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}";
            _translations.Add($"{before} → {to} by {where.Table}/{where.Chain} rule {rule.Number}{(rule.Handle is { } h ? $" (handle {h})" : string.Empty)}"
                + (changed ? string.Empty : " (no change: the kernel sets no DNAT status for it)"));
            if (_router is null && _packet.Direction == TrafficDirection.Input && nat.Kind != NatKind.Redirect && _state.Destination is { } d
                && !System.Net.IPAddress.IsLoopback(d) && _packet.LocalAddresses?.Contains(d) != true)
            {
                _notes.Add($"after this DNAT the route decision may forward the packet to {d} instead of delivering it; the trace without the route decision stays on the INPUT path");
            }

            return $"{nat.Kind.ToString().ToUpperInvariant()}: destination is now {to}";
        }

        // Source NAT happens last (POSTROUTING, nat INPUT), so it rarely changes what a filter sees.
        _state.SourceTranslated = true;
        if (nat.Exact && nat.Address is { } source)
        {
            _state.Source = source;
        }
        else
        {
            _state.Source = null;
        }

        if (nat.Port is { } sport)
        {
            _state.SourcePort = sport;
        }
        else if (!nat.Exact)
        {
            _state.SourcePort = null;
        }

        return $"{nat.Kind.ToString().ToUpperInvariant()}: source is now {_state.Source?.ToString() ?? "unknown"}";
    }

    private TraceResult? Policy(FirewallTable table, FirewallChain baseChain, string? how)
    {
        var info = baseChain.Base!;
        var policy = table.Source == "nft" ? info.Policy.ToString().ToLowerInvariant() : info.Policy.ToString().ToUpperInvariant();
        var name = table.Source == "nft" ? $"{table.QualifiedName}/{baseChain.Name}" : $"{table.Name}/{baseChain.Name}";
        var step = new TraceStep(StepOutcome.Policy, Ref(table, baseChain), null, null, $"policy {policy} of {name}", info.PolicyCounters, how);
        _steps.Add(step);
        if (info.Policy == ChainPolicy.Drop)
        {
            return Result(Verdict.Drop, step);
        }

        _lastAccept = step;
        return null;
    }

    private TraceStep Step(StepOutcome outcome, ChainRef where, FirewallRule rule, string? detail)
    {
        var step = new TraceStep(outcome, where, rule.Number, rule.Handle, rule.Text, rule.Counters, detail);
        _steps.Add(step);
        return step;
    }

    private TraceResult Inconclusive(ChainRef where, FirewallRule? rule, string text, string reason)
    {
        var step = new TraceStep(StepOutcome.Inconclusive, where, rule?.Number, rule?.Handle, text, rule?.Counters, reason);
        _steps.Add(step);
        return Result(Verdict.Inconclusive, step) with { InconclusiveReason = reason };
    }

    private TraceResult Result(Verdict verdict, TraceStep? decidedBy) => new()
    {
        Verdict = verdict,
        DecidedBy = decidedBy,
        RateDependent = _rateDependent,
        RateFacts = [.. _rateFacts],
        Steps = [.. _steps],
        Notes = [.. _notes.Distinct()],
        Path = _state.Path,
        Destination = _state.Destination,
        DestinationPort = _state.DestinationPort,
        RedirectedLocally = _state.RedirectedLocally,
        OutInterface = _state.Path == TrafficDirection.Forward ? _state.OutInterface : null,
        Translations = [.. _translations],
        Route = _route,
        RouteMissing = _routeMissing,
    };
}
