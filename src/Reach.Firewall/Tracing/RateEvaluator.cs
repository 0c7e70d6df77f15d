using System.Globalization;
using System.Net;

namespace Reach.Firewall;

/// <summary>
/// Decides a rate or per-source match from the state the kernel keeps for it (<see cref="RateState"/>),
/// as the kernel's own match function would for this packet now; where the state says nothing, from
/// the packet's <see cref="Packet.Rate"/> assumption. Every decision leaves a <see cref="RateFact"/>.
/// </summary>
internal sealed class RateEvaluator(RateState rates, PacketState state)
{
    // recent_mt: --set on an earlier rule of this walk added a timestamp for this packet ("now").
    private readonly Dictionary<(string Name, IPAddress Address), int> _setThisWalk = [];
    private readonly HashSet<(string Name, IPAddress Address)> _removedThisWalk = [];

    public Tri Evaluate(RateLimitMatch r, out string? why, out RateFact fact)
    {
        why = null;
        var decided = r.Kind switch
        {
            RateKind.Recent when r.Recent is { } spec => Recent(spec),
            RateKind.Hashlimit when r.Hashlimit is { } spec => Hashlimit(r, spec),
            RateKind.Connlimit when r.Connlimit is { } spec => Connlimit(r, spec),
            _ => (Decision?)null,
        };
        if (decided is { Result: not Tri.Unknown } d)
        {
            fact = new RateFact(r.Text, d.Over, true, d.How);
            return d.Result;
        }

        var unread = decided?.How ?? r.Kind switch
        {
            RateKind.Limit => "-m limit keeps one token bucket whose tokens the kernel shows nowhere",
            RateKind.NftLimit => "nft shows a limit's rate but not its tokens",
            _ => "its options could not be read",
        };
        var module = r.Kind switch
        {
            RateKind.Recent => "recent",
            RateKind.Hashlimit => "hashlimit",
            RateKind.Connlimit => "connlimit",
            RateKind.NftLimit => "limit",
            _ => "limit",
        };

        // Whether a source is on a list, or how many connections it holds, is state, not a rate: without
        // the state nothing may be assumed (the trace stops at the rule and names it).
        var membership = r.Kind == RateKind.Connlimit || (r.Kind == RateKind.Recent && r.Recent is not { HitCount: not null });
        if (membership)
        {
            fact = new RateFact(r.Text, null, false, unread);
            why = $"{module}: {unread}: whether the client is on the list or over the count cannot be told without it";
            return Tri.Unknown;
        }

        switch (state.Packet.Rate)
        {
            case ClientRate.Under:
                fact = new RateFact(r.Text, false, false, unread);
                return r.MatchesUnderLimit ? Tri.True : Tri.False;
            case ClientRate.Over:
                fact = new RateFact(r.Text, true, false, unread);
                return r.MatchesUnderLimit ? Tri.False : Tri.True;
            default:
                fact = new RateFact(r.Text, null, false, unread);
                why = $"{module}: whether the client is over this rate limit cannot be read: {unread}";
                return Tri.Unknown;
        }
    }

    private readonly record struct Decision(Tri Result, bool? Over, string How);

    /// <summary>xt_recent.c, recent_mt: the address (masked) is looked up on the list; --set always matches.</summary>
    private Decision Recent(RecentSpec spec)
    {
        var address = spec.Destination ? state.Destination : state.Source;
        if (address is null)
        {
            return new Decision(Tri.Unknown, null, "the address after NAT is not known");
        }

        var key = Masked(address, spec.Mask);
        var name = spec.Name;
        Tri Result(bool matched) => matched ^ spec.Negated ? Tri.True : Tri.False;
        if (spec.Command == RecentCommand.Set)
        {
            _setThisWalk[(name, key)] = _setThisWalk.GetValueOrDefault((name, key)) + 1;
            _removedThisWalk.Remove((name, key));
            return new Decision(Result(true), false, $"--set adds {key} to list {name} and always matches");
        }

        if (!rates.Recent.TryGetValue(name, out var entries))
        {
            return new Decision(Tri.Unknown, null, $"/proc/net/xt_recent/{name} was not read");
        }

        if (entries is null)
        {
            return new Decision(Tri.Unknown, null, $"/proc/net/xt_recent/{name} could not be read");
        }

        var entry = _removedThisWalk.Contains((name, key)) ? null : entries.FirstOrDefault(e => e.Address.Equals(key));
        var added = _setThisWalk.GetValueOrDefault((name, key));
        if (entry is null && added == 0)
        {
            return new Decision(Result(false), false, entries.Count == 0
                ? $"list {name} is empty (/proc/net/xt_recent/{name}): nothing is on it, so --{Word(spec.Command)} never matches"
                : $"{key} is not on list {name} ({entries.Count} other addresses are)");
        }

        if (spec.Ttl && entry is not null)
        {
            return new Decision(Tri.Unknown, null, $"--rttl compares the packet's TTL with the one recorded ({entry.Ttl}), and the client's TTL on arrival is not known");
        }

        if (spec.Command == RecentCommand.Remove)
        {
            _removedThisWalk.Add((name, key));
            return new Decision(Result(true), true, $"{key} is on list {name}: --remove matches and takes it off");
        }

        var stamps = entry?.Stamps ?? [];
        int hits;
        string window;
        if (spec.Seconds is { } lastSeconds && stamps.Count == 0)
        {
            // Only this packet's own --set hits: they are "now", inside any window, with no clock needed.
            hits = added;
            window = $" in the last {lastSeconds} s";
        }
        else if (spec.Seconds is { } seconds)
        {
            if (rates.Jiffies is not { } now || rates.Hz is not { } hz)
            {
                return new Decision(Tri.Unknown, null, $"{key} is on list {name}, but its times (jiffies) cannot be compared with now: the kernel's clock (/proc/timer_list) could not be read");
            }

            var since = now - ((ulong)seconds * (ulong)hz);
            hits = stamps.Count(s => s >= since) + added;
            window = $" in the last {seconds} s";
        }
        else
        {
            hits = stamps.Count + added;
            window = string.Empty;
        }

        var needed = spec.HitCount ?? 1;
        var over = hits >= needed;
        var line = entry is null ? "added by --set on this packet" : $"{entry.Line.Trim()}";
        var how = $"{key} was seen {hits} time{(hits == 1 ? string.Empty : "s")}{window} on list {name}{(spec.HitCount is { } h ? $" (--hitcount {h})" : string.Empty)}: {line}";
        if (over && spec.Command == RecentCommand.Update)
        {
            _setThisWalk[(name, key)] = added + 1;
        }

        return new Decision(Result(over), over, how);
    }

    /// <summary>
    /// xt_hashlimit.c: the key's bucket refills cost × rate credit per second, but only when a packet
    /// comes (rateinfo_recalc), so the credit shown is the one left at its last packet; a packet matches
    /// "upto" when the refilled credit covers its cost. A key with no bucket starts full (burst).
    /// </summary>
    private Decision Hashlimit(RateLimitMatch r, HashlimitSpec spec)
    {
        var family = state.Packet.Family == IpFamily.IPv6 ? "ip6t" : "ipt";
        var file = $"/proc/net/{family}_hashlimit/{spec.Name}";
        if (spec.PacketsPerSecond is not { } rate)
        {
            return new Decision(Tri.Unknown, null, $"{spec.Rate} is a byte rate, which is not modelled");
        }

        if (spec.Mode.Contains("srcport"))
        {
            return new Decision(Tri.Unknown, null, "the bucket's key holds the client's source port, which each connection picks anew");
        }

        if (!rates.Hashlimit.TryGetValue(spec.Name, out var entries) || entries is null)
        {
            return new Decision(Tri.Unknown, null, $"{file} {(entries is null && rates.Hashlimit.ContainsKey(spec.Name) ? "could not be read" : "was not read")}");
        }

        if ((spec.Mode.Contains("srcip") && state.Source is null) || (spec.Mode.Contains("dstip") && state.Destination is null))
        {
            return new Decision(Tri.Unknown, null, "the address after NAT is not known");
        }

        var src = spec.Mode.Contains("srcip") ? Prefix(state.Source!, spec.SourceMask) : null;
        var dst = spec.Mode.Contains("dstip") ? Prefix(state.Destination!, spec.DestinationMask) : null;
        var dport = spec.Mode.Contains("dstport") ? state.DestinationPort : 0;
        var bucket = entries.FirstOrDefault(e =>
            (src is null ? IsAny(e.Source) : e.Source.Equals(src))
            && (dst is null ? IsAny(e.Destination) : e.Destination.Equals(dst))
            && e.DestinationPort == (dport ?? -1));
        bool over;
        string how;
        if (bucket is null)
        {
            over = false;
            how = $"{file} has no bucket for this client's key: a new one starts full, under --hashlimit {spec.Rate}";
        }
        else
        {
            // The bucket's last packet came (expire - seconds left) ago, give or take the second the file rounds away.
            var elapsed = spec.ExpireSeconds - bucket.ExpiresInSeconds;
            double Refilled(double seconds) => Math.Min(bucket.CreditCap, bucket.Credit + (seconds * rate * bucket.Cost));
            var least = Refilled(Math.Max(0, elapsed - 1));
            var most = Refilled(elapsed + 1);
            if (least >= bucket.Cost)
            {
                over = false;
            }
            else if (most < bucket.Cost)
            {
                over = true;
            }
            else
            {
                return new Decision(Tri.Unknown, null, $"the bucket ({bucket.Line.Trim()}) is refilling about now: whether the next packet fits cannot be told to the second");
            }

            var share = bucket.Credit / (double)bucket.Cost;
            how = $"{file}: {bucket.Line.Trim()}: {share.ToString("0.##", CultureInfo.InvariantCulture)} of a packet's credit left at its last packet, about {elapsed.ToString("0", CultureInfo.InvariantCulture)} s ago, at {spec.Rate}";
        }

        // "upto" matches under the rate, "above" over it.
        return new Decision((r.MatchesUnderLimit ? !over : over) ? Tri.True : Tri.False, over, how);
    }

    /// <summary>
    /// xt_connlimit.c: the connections of the key (the source, or --connlimit-daddr's destination, masked)
    /// that the conntrack table still holds open, with this new one; TIME_WAIT and CLOSE ones no longer
    /// count (nf_conncount). The count is taken over the tracked connections of the same protocol and
    /// destination port as this packet: the connections the rule saw.
    /// </summary>
    private Decision Connlimit(RateLimitMatch r, ConnlimitSpec spec)
    {
        if (rates.Connections is not { } table)
        {
            return new Decision(Tri.Unknown, null, "the conntrack table (/proc/net/nf_conntrack, conntrack -L) could not be read");
        }

        var address = spec.Destination ? state.Destination : state.Source;
        if (address is null)
        {
            return new Decision(Tri.Unknown, null, "the address after NAT is not known");
        }

        var bits = spec.Mask ?? (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
        var key = Prefix(address, bits);
        var protocol = state.Packet.Protocol switch { IpProtocol.Tcp => "tcp", IpProtocol.Udp => "udp", _ => null };
        var open = table.Count(c => c.Protocol == protocol
            && c.State is not ("TIME_WAIT" or "CLOSE")
            && Prefix(spec.Destination ? c.Destination : c.Source, bits).Equals(key)
            && (state.DestinationPort is null || c.DestinationPort == state.DestinationPort));
        var connections = open + 1;
        var over = connections > spec.Limit;
        var how = $"{open} open {protocol} connection{(open == 1 ? string.Empty : "s")} to port {state.DestinationPort} from {key}/{bits} in the conntrack table, {connections} with this one, against a limit of {spec.Limit}";
        return new Decision((r.MatchesUnderLimit ? !over : over) ? Tri.True : Tri.False, over, how);
    }

    private static string Word(RecentCommand c) => c switch
    {
        RecentCommand.Check => "rcheck",
        RecentCommand.Update => "update",
        RecentCommand.Remove => "remove",
        _ => "set",
    };

    private static bool IsAny(IPAddress a) => a.Equals(IPAddress.Any) || a.Equals(IPAddress.IPv6Any);

    private static IPAddress Masked(IPAddress address, IPAddress? mask)
    {
        if (mask is null || mask.AddressFamily != address.AddressFamily)
        {
            return address;
        }

        var a = address.GetAddressBytes();
        var m = mask.GetAddressBytes();
        for (var i = 0; i < a.Length; i++)
        {
            a[i] &= m[i];
        }

        return new IPAddress(a);
    }

    private static IPAddress Prefix(IPAddress address, int bits) =>
        Masked(address, AddressBits.MaskOf(address.AddressFamily, Math.Clamp(bits, 0, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128)));
}
