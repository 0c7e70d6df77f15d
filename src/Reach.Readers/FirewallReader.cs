using System.Text.Json;
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
    public async Task<FirewallRules> ReadAsync(CancellationToken cancellationToken)
    {
        var legacy4 = HasLines("/proc/net/ip_tables_names");
        var legacy6 = HasLines("/proc/net/ip6_tables_names");
        var modules = new KernelModules(source);
        var sets = modules.MayAsk("ip_set");

        // iptables-save (iptables-nft on Debian 12) and nft ask nf_tables over netlink, which loads the
        // module when it is absent. Absent means no such rules: say so instead of asking.
        var nfTables = modules.MayAsk("nf_tables");
        var ipt = nfTables ? RunAsync("iptables-save", ["-c"], cancellationToken) : null;
        var ip6t = nfTables ? RunAsync("ip6tables-save", ["-c"], cancellationToken) : null;
        var nftTables = nfTables ? RunAsync("nft", ["-j", "list", "tables"], cancellationToken) : null;
        var leg4 = legacy4 ? RunAsync("iptables-legacy-save", ["-c"], cancellationToken) : null;
        var leg6 = legacy6 ? RunAsync("ip6tables-legacy-save", ["-c"], cancellationToken) : null;
        var ipset = sets ? RunAsync("ipset", ["save"], cancellationToken) : null;

        var read = new List<string>();
        var unreadable = new List<string>();
        var dumps = new List<IptablesDump>();
        var absent = new List<string>();
        if (!nfTables)
        {
            absent.Add("nf_tables is not loaded: no nftables or iptables-nft rules exist");
        }

        if (!legacy4 && !legacy6)
        {
            absent.Add("no legacy x_tables are loaded (/proc/net/ip_tables_names is empty): no iptables-legacy rules exist");
        }

        foreach (var (name, task, label) in new[] { ("iptables-save -c", ipt, "iptables"), ("ip6tables-save -c", ip6t, "ip6tables"), ("iptables-legacy-save -c", leg4, "iptables-legacy"), ("ip6tables-legacy-save -c", leg6, "ip6tables-legacy") })
        {
            if (task is null)
            {
                continue;
            }

            var r = await task.ConfigureAwait(false);
            if (Usable(name, r, read, unreadable))
            {
                dumps.Add(IptablesSaveParser.Parse(r.Stdout, label));
            }
        }

        var nftDump = nftTables is null ? null : await NativeTablesAsync(await nftTables.ConfigureAwait(false), dumps, read, unreadable, cancellationToken).ConfigureAwait(false);

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
    private async Task<NftDump?> NativeTablesAsync(CommandResult tables, IReadOnlyList<IptablesDump> dumps, List<string> read, List<string> unreadable, CancellationToken cancellationToken)
    {
        if (!Usable("nft -j list tables", tables, read, unreadable))
        {
            return null;
        }

        var shown = dumps.Where(d => d.Backend != FirewallBackend.Legacy)
            .SelectMany(d => d.Tables.Where(t => !d.IncompatibleTables.Contains(t.Name)).Select(t => (Family: d.Family == IpFamily.IPv6 ? "ip6" : "ip", t.Name)))
            .ToHashSet();
        var wanted = NftTableList(tables.Stdout).Where(t => !shown.Contains(t)).ToList();
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

        return NftJsonParser.Parse(System.Text.Encoding.UTF8.GetString(merged.ToArray()));
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

    private Task<CommandResult> RunAsync(string file, IReadOnlyList<string> args, CancellationToken cancellationToken) =>
        source.RunAsync(file, args, cancellationToken);

    private bool HasLines(string path) => !string.IsNullOrWhiteSpace(source.ReadFile(path));

    private static bool Usable(string name, CommandResult r, List<string> read, List<string> unreadable)
    {
        if (r.ExitCode == 127)
        {
            return false; // not installed: there can be no rules of that kind to read with it
        }

        if (!r.Succeeded)
        {
            var why = r.Stderr.Trim();
            unreadable.Add($"{name}: {(why.Length == 0 ? $"exit {r.ExitCode}" : why.Split('\n')[0])}" +
                (why.Contains("ermission denied", StringComparison.Ordinal) || why.Contains("not permitted", StringComparison.Ordinal) ? " (reading rules needs CAP_NET_ADMIN: run as root)" : string.Empty));
            return false;
        }

        read.Add(name);
        return true;
    }
}
