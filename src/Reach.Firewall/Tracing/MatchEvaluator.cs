namespace Reach.Firewall;

/// <summary>Evaluates matches against the packet state, in three-valued logic.</summary>
internal sealed class MatchEvaluator(Ruleset ruleset, PacketState state)
{
    private readonly RateEvaluator _rates = new(ruleset.Rates, state);

    /// <summary>What the last rate match evaluated made of the client; taken (and cleared) by the walk.</summary>
    public RateFact? LastRateFact { get; set; }

    public Tri Evaluate(RuleMatch match, FirewallTable table, out string? why)
    {
        why = null;
        switch (match)
        {
            case FieldMatch f:
                return Field(f, table, out why);
            case IpsetMatch s:
                return Ipset(s, out why);
            case RateLimitMatch r:
                var rated = _rates.Evaluate(r, out why, out var fact);
                LastRateFact = fact;
                return rated;
            case AbsentHeaderMatch:
                return Tri.False;
            case RandomMatch random:
                // Option 0: the rule matches (probability P), option 1: it does not; both are traced.
                return random.Probability >= 1 ? Tri.True : random.Probability <= 0 ? Tri.False
                    : state.Choose([random.Probability, 1 - random.Probability]) == 0 ? Tri.True : Tri.False;
            case UnsupportedMatch u:
                why = $"{u.Module}: {u.Reason}";
                return Tri.Unknown;
            default:
                why = $"{match.GetType().Name} is not modelled";
                return Tri.Unknown;
        }
    }

    public Tri Field(FieldMatch m, FirewallTable table, out string? why)
    {
        why = null;
        if (m.Fields is [PacketField.AnyPort])
        {
            // multiport --ports: "either the source or the destination port" (iptables-extensions(8)).
            if (!IpProtocol.HasPorts(state.Packet.Protocol))
            {
                return Tri.False;
            }

            var src = Member(m.Values, [state.Read(PacketField.SourcePort)], out var whySrc);
            var dst = Member(m.Values, [state.Read(PacketField.DestinationPort)], out var whyDst);
            var either = Or(src, dst);
            why = either == Tri.Unknown ? whySrc ?? whyDst : null;
            return m.Operator == MatchOperator.NotEqual ? Not(either) : either;
        }

        var readings = new FieldReading[m.Fields.Count];
        for (var i = 0; i < readings.Length; i++)
        {
            readings[i] = state.Read(m.Fields[i]);
            if (readings[i].Kind == ReadingKind.Absent)
            {
                return Tri.False; // the packet has no such field: nft's dependency or iptables' protocol check fails
            }
        }

        if (readings.FirstOrDefault(r => r.Kind == ReadingKind.Unknown) is { Kind: ReadingKind.Unknown } unknown)
        {
            why = unknown.Why;
            return Tri.Unknown;
        }

        IReadOnlyList<FieldValue> values = m.Values;
        if (m.SetName is { } setName)
        {
            var set = table.FindSet(setName);
            if (set is null)
            {
                why = $"set @{setName} is not in table {table.QualifiedName}";
                return Tri.Unknown;
            }

            if (set.Unreadable is { } unreadable)
            {
                why = $"set @{setName}: {unreadable}";
                return Tri.Unknown;
            }

            values = [.. set.Elements.Select(e => e.Key)];
        }

        if (m.Mask is { } mask && readings.Length == 1 && readings[0].Kind == ReadingKind.Number)
        {
            readings[0] = readings[0] with { Number = readings[0].Number & mask };
        }

        switch (m.Operator)
        {
            case MatchOperator.Equal:
                return Member(values, readings, out why);
            case MatchOperator.NotEqual:
                return Not(Member(values, readings, out why));
            case MatchOperator.AnyBit:
                var bits = values.OfType<NumberValue>().Aggregate(0UL, (acc, v) => acc | v.Low);
                return readings is [{ Kind: ReadingKind.Number } r] && (r.Number & bits) != 0 ? Tri.True : Tri.False;
            default:
                if (readings is not [{ Kind: ReadingKind.Number } n] || values is not [NumberValue limit])
                {
                    why = $"comparison {m.Operator} on {string.Join(" . ", m.Fields)} is not modelled";
                    return Tri.Unknown;
                }

                var holds = m.Operator switch
                {
                    MatchOperator.Less => n.Number < limit.Low,
                    MatchOperator.Greater => n.Number > limit.Low,
                    MatchOperator.LessOrEqual => n.Number <= limit.Low,
                    _ => n.Number >= limit.Low,
                };
                return holds ? Tri.True : Tri.False;
        }
    }

    /// <summary>Whether the readings (one per field) equal or lie in one of the values.</summary>
    public static Tri Member(IReadOnlyList<FieldValue> values, IReadOnlyList<FieldReading> readings, out string? why)
    {
        why = null;
        foreach (var r in readings)
        {
            if (r.Kind == ReadingKind.Absent)
            {
                return Tri.False;
            }

            if (r.Kind == ReadingKind.Unknown)
            {
                why = r.Why;
                return Tri.Unknown;
            }
        }

        foreach (var v in values)
        {
            if (Matches(v, readings))
            {
                return Tri.True;
            }
        }

        return Tri.False;
    }

    public static bool Matches(FieldValue value, IReadOnlyList<FieldReading> readings)
    {
        if (value is TupleValue t)
        {
            if (t.Parts.Count != readings.Count)
            {
                return false;
            }

            for (var i = 0; i < readings.Count; i++)
            {
                if (!t.Parts[i].Matches(readings[i]))
                {
                    return false;
                }
            }

            return true;
        }

        return readings.Count == 1 && value.Matches(readings[0]);
    }

    private Tri Ipset(IpsetMatch m, out string? why)
    {
        why = null;
        var set = ruleset.FindIpSet(m.SetName);
        if (set is null)
        {
            why = $"ipset {m.SetName} was not given (ipset save)";
            return Tri.Unknown;
        }

        if (set.Unreadable is { } unreadable)
        {
            why = $"ipset {m.SetName}: {unreadable}";
            return Tri.Unknown;
        }

        var member = IpsetMember(set, m.SourceFlags, out why);
        return m.Negated ? Not(member) : member;
    }

    private Tri IpsetMember(IpSet set, IReadOnlyList<bool> flags, out string? why)
    {
        why = null;
        if (set.Family != state.Packet.Family)
        {
            return Tri.False; // ipset(8): a set of one family never matches packets of the other
        }

        var dims = set.Dimensions;
        if (flags.Count < dims.Count)
        {
            why = $"ipset {set.Name} has {dims.Count} dimensions but the rule gives {flags.Count} flags";
            return Tri.Unknown;
        }

        var readings = new FieldReading[dims.Count];
        for (var i = 0; i < dims.Count; i++)
        {
            var src = flags[i];
            readings[i] = dims[i] switch
            {
                "ip" or "net" => state.Read(src ? PacketField.SourceAddress : PacketField.DestinationAddress),
                "port" => state.Read(src ? PacketField.SourcePort : PacketField.DestinationPort),
                "mark" => state.Read(PacketField.Mark),
                _ => FieldReading.Unknown($"ipset dimension {dims[i]} is not modelled"),
            };
            if (readings[i].Kind == ReadingKind.Absent)
            {
                return Tri.False;
            }

            if (readings[i].Kind == ReadingKind.Unknown)
            {
                why = readings[i].Why;
                return Tri.Unknown;
            }
        }

        IpSetEntry? best = null;
        var bestSpecificity = -1;
        foreach (var entry in set.Entries)
        {
            var all = true;
            for (var i = 0; i < readings.Length && all; i++)
            {
                all = entry.Parts[i].Matches(readings[i]);
            }

            if (!all)
            {
                continue;
            }

            // ipset(8), hash:net: "the most specific matching entry wins"; a nomatch entry excludes.
            var specificity = entry.Parts.OfType<AddressValue>().Sum(a => a.PrefixLength ?? 0);
            if (specificity > bestSpecificity)
            {
                best = entry;
                bestSpecificity = specificity;
            }
        }

        return best is { NoMatch: false } ? Tri.True : Tri.False;
    }

    public static Tri Not(Tri t) => t switch
    {
        Tri.True => Tri.False,
        Tri.False => Tri.True,
        _ => Tri.Unknown,
    };

    public static Tri Or(Tri a, Tri b) =>
        a == Tri.True || b == Tri.True ? Tri.True : a == Tri.Unknown || b == Tri.Unknown ? Tri.Unknown : Tri.False;
}
