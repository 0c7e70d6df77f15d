using Reach.Firewall;
using Reach.Readers.Parsing;
using Reach.Readers.Sources;

namespace Reach.Readers;

/// <summary>
/// Reads the state the ruleset's rate and per-source matches keep in the kernel, and only that: the
/// xt_recent lists and hashlimit buckets the rules name, the conntrack table when a connlimit rule
/// counts in it, the kernel's clock when a recent rule has a window. Read-only; root's files
/// (/proc/net/xt_recent is 0600 by default, /proc/timer_list 0400): without root they are unreadable
/// and the rules that need them stay undecided.
/// </summary>
public sealed class RateStateReader(ISystemSource source)
{
    public Task<RateState> ReadAsync(Ruleset ruleset, CancellationToken cancellationToken) =>
        ReadAsync(ruleset, proposed: false, cancellationToken);

    /// <param name="proposed">The ruleset is not loaded (`--ruleset`): a recent list or hashlimit table that does not
    /// exist here is one it will create when it is applied, and a new one starts empty (nobody listed, every
    /// bucket full), which is what it is taken for; a list that exists is read as it is.</param>
    public async Task<RateState> ReadAsync(Ruleset ruleset, bool proposed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ruleset);
        var matches = ruleset.Tables.SelectMany(t => t.Chains).SelectMany(c => c.Rules).SelectMany(r => r.Statements).OfType<RateLimitMatch>().ToList();
        if (matches.Count == 0)
        {
            return RateState.Empty;
        }

        var unreadable = new List<string>();
        var recent = new Dictionary<string, IReadOnlyList<RecentEntry>?>(StringComparer.Ordinal);
        foreach (var name in matches.Select(m => m.Recent?.Name).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            var path = $"/proc/net/xt_recent/{name}";
            var text = source.ReadFile(path) ?? (proposed && !source.Exists(path) ? string.Empty : null);
            recent[name] = text is null ? null : XtRecentParser.Parse(text);
            if (text is null)
            {
                unreadable.Add($"{path}: cannot be read{(source.Exists(path) ? " (root's file: run as root)" : " (no such list)")}");
            }
        }

        var hashlimit = new Dictionary<string, IReadOnlyList<HashlimitEntry>?>(StringComparer.Ordinal);
        foreach (var name in matches.Select(m => m.Hashlimit?.Name).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            // The same name may exist for both families; both files are read and their buckets kept together.
            var v4 = source.ReadFile($"/proc/net/ipt_hashlimit/{name}");
            var v6 = source.ReadFile($"/proc/net/ip6t_hashlimit/{name}");
            if (v4 is null && v6 is null && proposed && !source.Exists($"/proc/net/ipt_hashlimit/{name}") && !source.Exists($"/proc/net/ip6t_hashlimit/{name}"))
            {
                v4 = string.Empty;
            }

            hashlimit[name] = v4 is null && v6 is null ? null : [.. HashlimitParser.Parse(v4 ?? string.Empty), .. HashlimitParser.Parse(v6 ?? string.Empty)];
            if (v4 is null && v6 is null)
            {
                unreadable.Add($"/proc/net/ipt_hashlimit/{name}: cannot be read");
            }
        }

        IReadOnlyList<TrackedConnection>? connections = null;
        if (matches.Any(m => m.Connlimit is not null))
        {
            var table = source.ReadFile("/proc/net/nf_conntrack");
            if (table is null)
            {
                var r = await source.RunAsync("conntrack", ["-L"], cancellationToken).ConfigureAwait(false);
                table = r.Succeeded ? r.Stdout : null;
            }

            connections = table is null ? null : ConntrackTableParser.Parse(table);
            if (table is null)
            {
                unreadable.Add("the conntrack table: /proc/net/nf_conntrack and `conntrack -L` could not be read");
            }
        }

        (ulong Jiffies, int Hz)? clock = null;
        if (matches.Any(m => m.Recent?.Seconds is not null))
        {
            clock = KernelClockParser.Parse(source.ReadFile("/proc/timer_list"));
            if (clock is null)
            {
                unreadable.Add("/proc/timer_list: the kernel's clock could not be read (root's file), so recent's --seconds cannot be judged");
            }
        }

        return new RateState
        {
            Recent = recent,
            Hashlimit = hashlimit,
            Connections = connections,
            Jiffies = clock?.Jiffies,
            Hz = clock?.Hz,
            Unreadable = unreadable,
        };
    }
}
