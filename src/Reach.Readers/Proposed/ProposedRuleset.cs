using Reach.Firewall;
using Reach.Readers.Sources;

namespace Reach.Readers;

/// <summary>
/// A ruleset proposed for a host, before it is applied (`--ruleset`): the rules, and where the rest of
/// the host (interfaces, listeners, routes) comes from. Files give the rules only, and the host is this
/// one, live; a `reach snapshot` directory gives the recorded host, rules included; a directory and
/// files together give the recorded host with the files' rules in place of its own.
/// </summary>
/// <param name="Rules">What the trace runs through, as <see cref="FirewallReader"/> would have read it.</param>
/// <param name="Snapshot">The snapshot directory, or null when the host is this one.</param>
/// <param name="Described">How the rules were given, for the report ("--ruleset rules.v4 (iptables-save)").</param>
public sealed record ProposedRuleset(FirewallRules Rules, string? Snapshot, IReadOnlyList<string> Described)
{
    /// <summary>Where the host's interfaces, listeners and routes are read: the snapshot, or <paramref name="live"/>.</summary>
    public ISystemSource HostSource(ISystemSource live) => Snapshot is null ? live : new SnapshotSystem(Snapshot);

    /// <summary>Reads and checks each path: a file whose format is told from its text, or a snapshot directory.</summary>
    /// <exception cref="RulesetFileException">A path that is missing, unreadable, empty, of no known format, or that does not parse.</exception>
    public static async Task<ProposedRuleset> LoadAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        string? snapshot = null;
        var files = new List<(string Path, string Text)>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                if (snapshot is not null)
                {
                    throw new RulesetFileException(path, $"a second snapshot directory (the first: {snapshot}); give one");
                }

                if (!Directory.Exists(System.IO.Path.Combine(path, "cmd")) && !Directory.Exists(System.IO.Path.Combine(path, "files")))
                {
                    throw new RulesetFileException(path, "a directory, but not one `reach snapshot --out DIR` wrote (no cmd/ or files/ in it)");
                }

                snapshot = path;
                continue;
            }

            string text;
            try
            {
                text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new RulesetFileException(path, e is FileNotFoundException or DirectoryNotFoundException ? "no such file or directory" : e.Message);
            }

            files.Add((path, text));
        }

        if (files.Count == 0 && snapshot is not null)
        {
            var recorded = await new FirewallReader(new SnapshotSystem(snapshot)).ReadAsync(cancellationToken).ConfigureAwait(false);
            return new ProposedRuleset(recorded, snapshot, [$"the rules recorded in {snapshot}"]);
        }

        var (rules, described) = FromFiles(files);
        return new ProposedRuleset(rules, snapshot, described);
    }

    /// <summary>The rules of the files, each checked first (pure: the texts are given).</summary>
    public static (FirewallRules Rules, IReadOnlyList<string> Described) FromFiles(IReadOnlyList<(string Path, string Text)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var dumps = new List<IptablesDump>();
        var nft = new List<NftDump>();
        var sets = new List<IpsetDump>();
        var described = new List<string>();
        foreach (var (path, text) in files)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                throw new RulesetFileException(path, "the file is empty: nothing says what the rules are (an empty nftables ruleset is {\"nftables\": []})");
            }

            var format = RulesetSyntax.Detect(text, path);
            if (format == RulesetFormat.Unknown && IsNftText(text))
            {
                throw new RulesetFileException(path, new RulesetSyntaxError(FirstLine(text), null,
                    "nft's text format is not read: give the JSON of `nft -j list ruleset` (load the file in a scratch namespace: ip netns add scratch; ip netns exec scratch nft -f FILE; ip netns exec scratch nft -j list ruleset)"));
            }

            if (RulesetSyntax.Check(text, format) is { } error)
            {
                throw new RulesetFileException(path, error);
            }

            switch (format)
            {
                case RulesetFormat.IptablesSave or RulesetFormat.Ip6tablesSave:
                    var dump = IptablesSaveParser.Parse(text, format == RulesetFormat.Ip6tablesSave ? "ip6tables" : "iptables");
                    dumps.Add(dump);
                    described.Add($"--ruleset {path} ({(format == RulesetFormat.Ip6tablesSave ? "ip6tables-save" : "iptables-save")})");
                    break;
                case RulesetFormat.NftJson:
                    nft.Add(NftJsonParser.Parse(text));
                    described.Add($"--ruleset {path} (nft -j list ruleset)");
                    break;
                default:
                    sets.Add(IpsetSaveParser.Parse(text));
                    described.Add($"--ruleset {path} (ipset save)");
                    break;
            }
        }

        var merged = nft.Count == 0 ? null : new NftDump(nft[0].Version, [.. nft.SelectMany(d => d.Tables)], [.. nft.SelectMany(d => d.Notes)]);
        var ipsets = sets.Count == 0 ? null : new IpsetDump([.. sets.SelectMany(d => d.Sets)], [.. sets.SelectMany(d => d.Notes)]);
        return (new FirewallRules(Ruleset.Create(dumps, merged, ipsets), described, [], []), described);
    }

    private static bool IsNftText(string text)
    {
        var line = text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && l[0] != '#') ?? string.Empty;
        return line.StartsWith("table ", StringComparison.Ordinal) || line.StartsWith("flush ruleset", StringComparison.Ordinal)
            || line.StartsWith("add table", StringComparison.Ordinal) || line.StartsWith("define ", StringComparison.Ordinal)
            || line.StartsWith("include ", StringComparison.Ordinal) || line.StartsWith("#!/usr/sbin/nft", StringComparison.Ordinal);
    }

    private static int FirstLine(string text)
    {
        var lines = text.Split('\n');
        return Array.FindIndex(lines, l => l.Trim().Length > 0 && l.Trim()[0] != '#') + 1;
    }
}
