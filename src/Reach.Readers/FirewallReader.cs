using Reach.Firewall;
using Reach.Readers.Sources;

namespace Reach.Readers;

/// <summary>
/// Reads the firewall from every place rules live on Linux: iptables-save (the nf_tables backend on
/// Debian 12), ip6tables-save, the legacy x_tables (iptables-legacy-save), native nftables
/// (`nft -j list ruleset`) and ipsets. Each needs CAP_NET_ADMIN; without it the reason is kept and the
/// rest goes on. It never loads a kernel module: a legacy or ipset reader runs only when that
/// subsystem is already loaded, because asking would load it (and that would change the host).
/// </summary>
public sealed class FirewallReader(ISystemSource source)
{
    public async Task<FirewallRules> ReadAsync(CancellationToken cancellationToken)
    {
        var legacy4 = HasLines("/proc/net/ip_tables_names");
        var legacy6 = HasLines("/proc/net/ip6_tables_names");
        var sets = source.Exists("/sys/module/ip_set");

        var ipt = RunAsync("iptables-save", ["-c"], cancellationToken);
        var ip6t = RunAsync("ip6tables-save", ["-c"], cancellationToken);
        var nft = RunAsync("nft", ["-j", "list", "ruleset"], cancellationToken);
        var leg4 = legacy4 ? RunAsync("iptables-legacy-save", ["-c"], cancellationToken) : null;
        var leg6 = legacy6 ? RunAsync("ip6tables-legacy-save", ["-c"], cancellationToken) : null;
        var ipset = sets ? RunAsync("ipset", ["save"], cancellationToken) : null;

        var read = new List<string>();
        var unreadable = new List<string>();
        var dumps = new List<IptablesDump>();
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

        NftDump? nftDump = null;
        var n = await nft.ConfigureAwait(false);
        if (Usable("nft -j list ruleset", n, read, unreadable))
        {
            nftDump = NftJsonParser.Parse(n.Stdout);
        }

        IpsetDump? ipsetDump = null;
        if (ipset is not null)
        {
            var s = await ipset.ConfigureAwait(false);
            if (Usable("ipset save", s, read, unreadable))
            {
                ipsetDump = IpsetSaveParser.Parse(s.Stdout);
            }
        }

        return new FirewallRules(Ruleset.Create(dumps, nftDump, ipsetDump), read, unreadable);
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
