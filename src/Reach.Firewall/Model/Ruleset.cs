namespace Reach.Firewall;

/// <summary>
/// Everything that filters packets on one host, from all sources at once: iptables-save tables (either
/// backend, either family), native nft tables, and the ipsets iptables rules refer to.
/// </summary>
/// <param name="Notes">What the combination left out or could not see (legacy tables not given, tables
/// read from one source rather than the other); every trace repeats them.</param>
public sealed record Ruleset(IReadOnlyList<FirewallTable> Tables, IReadOnlyList<IpSet> IpSets, IReadOnlyList<string> Notes)
{
    public static Ruleset Empty { get; } = new([], [], []);

    /// <summary>The state of the rate and per-source matches, as read for this ruleset's rules (empty: none read).</summary>
    public RateState Rates { get; init; } = RateState.Empty;

    /// <summary>
    /// Combines the dumps. iptables-nft's tables are nf_tables tables too, so <c>nft -j list ruleset</c>
    /// lists them again, with their iptables extensions reduced to <c>{"xt": …}</c> names. When an iptables
    /// dump of the nf_tables backend shows a table of the same family and name, that view is used and the
    /// nft copy is skipped (and a note says so); tables iptables-save could only print empty ("contains
    /// incompatible base-chains") are taken from nft.
    /// </summary>
    public static Ruleset Create(IEnumerable<IptablesDump>? iptables = null, NftDump? nft = null, IpsetDump? ipsets = null)
    {
        var dumps = iptables?.ToList() ?? [];
        var tables = new List<FirewallTable>();
        var notes = new List<string>();

        foreach (var dump in dumps)
        {
            foreach (var table in dump.Tables)
            {
                if (dump.IncompatibleTables.Contains(table.Name))
                {
                    notes.Add($"{dump.Source}-save printed table {table.Name} empty because native nft base chains live in it"
                        + (nft is null ? "; its rules are only in nft -j list ruleset, which was not given" : "; nft's view of it is used"));
                    continue;
                }

                tables.Add(table);
            }

            notes.AddRange(dump.Notes.Select(n => $"{dump.Source}: {n}"));
            if (dump.LegacyTablesPresent && !dumps.Any(d => d.Backend == FirewallBackend.Legacy && d.Family == dump.Family))
            {
                notes.Add($"{dump.Source}-save warned that iptables-legacy tables are present; they filter packets too, "
                    + $"and without {(dump.Family == IpFamily.IPv6 ? "ip6" : "ip")}tables-legacy-save output this trace cannot see them");
            }
        }

        if (nft is not null)
        {
            foreach (var table in nft.Tables)
            {
                var xt = table.Chains.SelectMany(c => c.Rules)
                    .Count(r => r.Statements.Any(s => s.Text.StartsWith("xt ", StringComparison.Ordinal)));
                if (table.Family is TableFamily.Ip or TableFamily.Ip6 && IptablesLayout.IsIptablesTable(table.Name))
                {
                    var family = table.Family == TableFamily.Ip ? IpFamily.IPv4 : IpFamily.IPv6;
                    var view = dumps.FirstOrDefault(d => d.Family == family && d.Backend != FirewallBackend.Legacy
                        && d.Tables.Any(t => t.Name == table.Name) && !d.IncompatibleTables.Contains(table.Name));
                    if (view is not null)
                    {
                        notes.Add($"nft table {table.QualifiedName} is iptables-nft's own"
                            + (xt > 0 ? $" ({xt} of its rules hold xt expressions nft -j cannot show)" : "")
                            + $": the {view.Source}-save view of it is used, not nft's");
                        continue;
                    }

                    if (xt > 0)
                    {
                        notes.Add($"nft table {table.QualifiedName} holds {xt} iptables-nft rules whose xt expressions nft -j cannot show; "
                            + "without iptables-save output, a trace that reaches one is inconclusive");
                    }
                }

                tables.Add(table);
            }

            notes.AddRange(nft.Notes.Select(n => $"nft: {n}"));
        }

        if (ipsets is not null)
        {
            notes.AddRange(ipsets.Notes.Select(n => $"ipset: {n}"));
        }

        return new Ruleset(tables, ipsets?.Sets ?? [], notes);
    }

    public IpSet? FindIpSet(string name) => IpSets.FirstOrDefault(s => s.Name == name);

    /// <summary>
    /// The base chains a packet of <paramref name="family"/> meets on <paramref name="hook"/>, lowest priority
    /// first. Ties keep source order (iptables dumps, then nft tables as listed); the kernel runs the most
    /// recently registered of equal priority first (nf_hook_entries_grow in net/netfilter/core.c), which
    /// no dump records.
    /// </summary>
    public IReadOnlyList<(FirewallTable Table, FirewallChain Chain)> BaseChains(ChainHook hook, IpFamily family) =>
    [
        .. Tables
            .Where(t => Applies(t.Family, family, hook))
            .SelectMany(t => t.Chains.Where(c => c.Base?.Hook == hook).Select(c => (Table: t, Chain: c)))
            .OrderBy(x => x.Chain.Base!.Priority),
    ];

    private static bool Applies(TableFamily table, IpFamily packet, ChainHook hook) => table switch
    {
        TableFamily.Ip => packet == IpFamily.IPv4,
        TableFamily.Ip6 => packet == IpFamily.IPv6,
        TableFamily.Inet => true,
        TableFamily.Netdev => hook is ChainHook.Ingress or ChainHook.Egress,
        _ => false, // arp and bridge tables never see a routed IP packet
    };
}
