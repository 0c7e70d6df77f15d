using System.Text.Json;
using Reach.Core.Observations;
using Reach.Firewall;
using Reach.Readers.Sources;

namespace Reach.Readers;

/// <summary>
/// Reads the firewall from every place rules live on Linux: iptables-save (the nf_tables backend on
/// Debian 12), ip6tables-save, the legacy x_tables (iptables-legacy-save), native nftables
/// (`nft -j list table …` for each table iptables-save does not already show) and ipsets. Each needs CAP_NET_ADMIN; without it the reason is kept and the
/// rest goes on. It never loads a kernel module: a legacy or ipset reader runs only when that
/// subsystem is already loaded, because asking would load it (and that would change the host).
/// </summary>
public sealed class FirewallReader(ISystemSource source)
{
    public Task<FirewallRules> ReadAsync(CancellationToken cancellationToken) => ReadAsync(FirewallScope.All, cancellationToken);

    public async Task<FirewallRules> ReadAsync(FirewallScope scope, CancellationToken cancellationToken)
    {
        var legacy4 = HasLines("/proc/net/ip_tables_names");
        var legacy6 = HasLines("/proc/net/ip6_tables_names");
        var modules = new KernelModules(source);
        var sets = modules.MayAsk("ip_set");

        // iptables-save (iptables-nft on Debian 12) and nft ask nf_tables over netlink, which loads the
        // module when it is absent. Absent means no such rules: say so instead of asking.
        var nfPresence = modules.Check("nf_tables");
        var nfTables = nfPresence == KernelModules.Presence.Present;
        string[] save = scope == FirewallScope.Nat ? ["-c", "-t", "nat"] : ["-c"];
        var ipt = nfTables ? RunAsync("iptables-save", save, cancellationToken) : null;
        var ip6t = nfTables ? RunAsync("ip6tables-save", save, cancellationToken) : null;
        // For the nat scope, the chains (without their rules) say which tables translate: cheap to list.
        var nftTables = nfTables ? RunAsync("nft", ["-j", "list", scope == FirewallScope.Nat ? "chains" : "tables"], cancellationToken) : null;
        var leg4 = legacy4 ? RunAsync("iptables-legacy-save", save, cancellationToken) : null;
        var leg6 = legacy6 ? RunAsync("ip6tables-legacy-save", save, cancellationToken) : null;
        var ipset = sets ? RunAsync("ipset", ["save"], cancellationToken) : null;

        var read = new List<string>();
        var unreadable = new List<UnreadableRules>();
        var dumps = new List<IptablesDump>();
        var absent = new List<string>();
        if (nfPresence == KernelModules.Presence.Absent)
        {
            absent.Add("nf_tables is not loaded: no nftables or iptables-nft rules exist");
        }
        else if (nfPresence == KernelModules.Presence.Unknown)
        {
            unreadable.Add(new("nf_tables: not loaded, and whether it is built in cannot be read (no modules.builtin); not asked, since asking would load it"));
        }

        foreach (var names in new[] { "/proc/net/ip_tables_names", "/proc/net/ip6_tables_names" })
        {
            // The file is root's (0440): unreadable is not the same as empty.
            if (source.Exists(names) && source.ReadFile(names) is null)
            {
                unreadable.Add(new($"{names}: cannot be read", NeedsPrivilege: true));
            }
        }

        if (!legacy4 && !legacy6 && unreadable.Count == 0)
        {
            absent.Add("no legacy x_tables are loaded (/proc/net/ip_tables_names is empty): no iptables-legacy rules exist");
        }

        var saves = new List<(string Name, CommandResult Result, string Label)>();
        var args = string.Join(' ', save);
        foreach (var (name, task, label) in new[] { ($"iptables-save {args}", ipt, "iptables"), ($"ip6tables-save {args}", ip6t, "ip6tables"), ($"iptables-legacy-save {args}", leg4, "iptables-legacy"), ($"ip6tables-legacy-save {args}", leg6, "ip6tables-legacy") })
        {
            if (task is not null)
            {
                saves.Add((name, await task.ConfigureAwait(false), label));
            }
        }

        // Which tables iptables-save showed is plain in its text: list the other nft tables while the
        // (slower) full parse of the iptables dumps runs.
        var shown = saves.Where(s => s.Result.Succeeded && !s.Label.Contains("legacy", StringComparison.Ordinal))
            .SelectMany(s => ShownTables(s.Result.Stdout, s.Label.StartsWith("ip6", StringComparison.Ordinal) ? "ip6" : "ip"))
            .ToHashSet();
        var nativeRead = new List<string>();
        var nativeUnreadable = new List<UnreadableRules>();
        var native = nftTables is null
            ? Task.FromResult<NftDump?>(null)
            : Task.Run(async () => await NativeTablesAsync(await nftTables.ConfigureAwait(false), scope, shown, nativeRead, nativeUnreadable, cancellationToken).ConfigureAwait(false), cancellationToken);

        foreach (var (name, result, label) in saves)
        {
            if (Usable(name, result, read, unreadable))
            {
                dumps.Add(IptablesSaveParser.Parse(result.Stdout, label));
            }
        }

        var nftDump = await native.ConfigureAwait(false);
        read.AddRange(nativeRead);
        unreadable.AddRange(nativeUnreadable);

        IpsetDump? ipsetDump = null;
        if (ipset is not null)
        {
            var s = await ipset.ConfigureAwait(false);
            if (Usable("ipset save", s, read, unreadable))
            {
                ipsetDump = IpsetSaveParser.Parse(s.Stdout);
            }
        }

        // With no subsystem loaded there is no rule anywhere: an empty ruleset is then a fact, not a gap.
        return new FirewallRules(Ruleset.Create(dumps, nftDump, ipsetDump), read, unreadable, absent);
    }

    /// <summary>
    /// Lists the nft tables one by one, leaving out those iptables-save already showed completely:
    /// iptables-nft's own tables come out of `nft -j` with their matches reduced to {"xt": …} stubs,
    /// and rendering them is most of nft's time on a large ruleset (0.4 s for 10,000 rules).
    /// </summary>
    private async Task<NftDump?> NativeTablesAsync(CommandResult tables, FirewallScope scope, HashSet<(string Family, string Name)> shown, List<string> read, List<UnreadableRules> unreadable, CancellationToken cancellationToken)
    {
        if (!Usable(scope == FirewallScope.Nat ? "nft -j list chains" : "nft -j list tables", tables, read, unreadable))
        {
            return null;
        }

        var wanted = (scope == FirewallScope.Nat ? NftNatTableList(tables.Stdout) : NftTableList(tables.Stdout)).Where(t => !shown.Contains(t)).ToList();
        var lists = await Task.WhenAll(wanted.Select(t => RunAsync("nft", ["-j", "list", "table", t.Family, t.Name], cancellationToken))).ConfigureAwait(false);

        using var merged = new MemoryStream();
        using (var w = new Utf8JsonWriter(merged))
        {
            w.WriteStartObject();
            w.WriteStartArray("nftables");
            for (var i = 0; i < wanted.Count; i++)
            {
                if (!Usable($"nft -j list table {wanted[i].Family} {wanted[i].Name}", lists[i], read, unreadable))
                {
                    continue;
                }

                using var doc = JsonDocument.Parse(lists[i].Stdout);
                foreach (var item in doc.RootElement.GetProperty("nftables").EnumerateArray().Where(e => !e.TryGetProperty("metainfo", out _)))
                {
                    item.WriteTo(w);
                }
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        var dump = NftJsonParser.Parse(System.Text.Encoding.UTF8.GetString(merged.ToArray()));
        if (dump.Tables.Any(t => t.Chains.Any(c => c.Base is { Hook: ChainHook.Ingress or ChainHook.Egress, Devices: null })))
        {
            // nft -j (1.0.6) leaves out the device of netdev chains; the text listing of the chains names it.
            var chains = await RunAsync("nft", ["list", "chains"], cancellationToken).ConfigureAwait(false);
            if (Usable("nft list chains", chains, read, unreadable))
            {
                dump = NftChainDevices.Apply(dump, NftChainDevices.Parse(chains.Stdout));
            }
        }

        return dump;
    }

    /// <summary>
    /// The tables an iptables-save text shows in full: its "*filter" lines, less those it printed empty with
    /// "# Table `nat' contains incompatible base-chains" (or "is incompatible, use 'nft' tool").
    /// </summary>
    internal static IEnumerable<(string Family, string Name)> ShownTables(string text, string family)
    {
        var lines = text.Split('\n');
        var incompatible = lines.Where(l => l.StartsWith("# Table `", StringComparison.Ordinal))
            .Select(l => l["# Table `".Length..].Split('\'')[0]).ToHashSet();
        return lines.Where(l => l.StartsWith('*')).Select(l => l[1..].Trim()).Where(n => !incompatible.Contains(n)).Select(n => (family, n));
    }

    private static List<(string Family, string Name)> NftTableList(string json)
    {
        using var doc = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "{\"nftables\":[]}" : json);
        return doc.RootElement.GetProperty("nftables").EnumerateArray()
            .Where(e => e.TryGetProperty("table", out _))
            .Select(e => e.GetProperty("table"))
            .Select(t => (t.GetProperty("family").GetString()!, t.GetProperty("name").GetString()!))
            .ToList();
    }

    /// <summary>The tables that hold a base chain of type nat, from `nft -j list chains`.</summary>
    internal static List<(string Family, string Name)> NftNatTableList(string json)
    {
        using var doc = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "{\"nftables\":[]}" : json);
        return doc.RootElement.GetProperty("nftables").EnumerateArray()
            .Where(e => e.TryGetProperty("chain", out var c) && c.TryGetProperty("type", out var t) && t.GetString() == "nat")
            .Select(e => e.GetProperty("chain"))
            .Select(c => (c.GetProperty("family").GetString()!, c.GetProperty("table").GetString()!))
            .Distinct()
            .ToList();
    }

    private Task<CommandResult> RunAsync(string file, IReadOnlyList<string> args, CancellationToken cancellationToken) =>
        source.RunAsync(file, args, cancellationToken);

    private bool HasLines(string path) => !string.IsNullOrWhiteSpace(source.ReadFile(path));

    private static bool Usable(string name, CommandResult r, List<string> read, List<UnreadableRules> unreadable)
    {
        if (r.ExitCode == 127)
        {
            // Not installed. iptables' rules cannot exist without iptables; native nftables rules can
            // exist without the nft command (firewalld uses libnftables), so that gap is said.
            if (name.StartsWith("nft", StringComparison.Ordinal))
            {
                unreadable.Add(new($"{name}: the nft command is not installed, so native nftables tables were not read"));
            }

            return false;
        }

        if (!r.Succeeded)
        {
            var why = r.Stderr.Trim();
            // The tools' own words for EPERM/EACCES ("Permission denied (you must be root)", "Operation not permitted"):
            // the one place the complaint is read, to keep the fact, not the words.
            unreadable.Add(new(
                $"{name}: {(why.Length == 0 ? $"exit {r.ExitCode}" : why.Split('\n')[0])}",
                NeedsPrivilege: why.Contains("ermission denied", StringComparison.Ordinal) || why.Contains("not permitted", StringComparison.Ordinal)));
            return false;
        }

        read.Add(name);
        return true;
    }
}
