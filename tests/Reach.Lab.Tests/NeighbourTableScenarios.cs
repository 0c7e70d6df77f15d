using Xunit;

namespace Reach.Lab.Tests;

/// <summary>
/// Issue 15: this host's own neighbour table full (`interface.neighbour-table-full`). The table is one for the
/// whole host, so the fault is host-wide: a scanner in a namespace of its own keeps it full, as a container
/// scanning a big on-link subnet would, with the kernel's default limits. The lab's scenarios run one at a time
/// (one collection), and the scanner is ended in `finally`, whatever happens, so that no other lab on this host
/// is starved longer than the scenario.
/// </summary>
[Collection(LabGroup.Name)]
public sealed class NeighbourTableScenarios
{
    [LabFact]
    public void A_full_neighbour_table_is_this_hosts_own_fault_never_the_gateways_or_the_nameservers()
    {
        try
        {
            // The fault returns once dev1's own ping to its gateway fails with ENOBUFS: the ground truth, from iputils.
            Lab.Reset("neigh-table-full");

            // Three runs back to back: the scanner races every run for the table's slots, so a run may win one and
            // get through; none may blame the gateway, the nameserver or web1, and the fault must be seen.
            var runs = Enumerable.Range(0, 3).Select(_ => Lab.Json("dev1", "check", "web1:80")).ToList();

            Assert.All(runs, r => Assert.True(r.VerdictCode is "ok" or "interface.neighbour-table-full", $"{r.VerdictCode}: {r.VerdictSummary}"));
            var full = runs.FirstOrDefault(r => r.VerdictCode == "interface.neighbour-table-full");
            Assert.True(full is not null, string.Join("\n", runs.Select(r => $"{r.VerdictCode}: {r.VerdictSummary}")));
            Assert.Contains("neighbor table overflow!", full.VerdictSummary, StringComparison.Ordinal);
            Assert.Contains("10.1.1.1", full.VerdictSummary, StringComparison.Ordinal);
            Assert.Contains("table_fulls rose by", full.Evidence("interface"), StringComparison.Ordinal);
            Assert.Contains("gc_thresh3", full.Root.GetProperty("verdict").GetProperty("fix").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            // Deleting the scanner's namespace removes its link and, with it, every entry it holds.
            Lab.Reset();
        }
    }
}
