using Xunit;

namespace Reach.Lab.Tests;

/// <summary>
/// The real-world ruleset corpus (tests/Reach.Firewall.Tests/Fixtures/corpus): each ruleset loaded for
/// real into a host namespace by lab/local-corpus.sh, real TCP SYNs and UDP datagrams sent over IPv4 and
/// IPv6 from a client namespace, and the published `reach local` run inside the host. Every packet's verdict must agree with what the kernel
/// did to it. Its own namespaces (l-cc, l-ch, l-cx, under REACH_LAB_PREFIX), not lab.sh's.
/// Before the rules are loaded, the same `reach local` runs with --ruleset and the case's captured files:
/// the offline verdict of the proposed rules must equal the live one once they are loaded.
/// </summary>
[Collection(LocalCorpusGroup.Name)]
public sealed class LocalCorpusScenarios(LocalCorpusScenarios.CorpusRun corpus) : IClassFixture<LocalCorpusScenarios.CorpusRun>
{
    public sealed record Packet(string Ruleset, string Port, string To, string Kernel, string Code, string Summary, string OfflineCode, string OfflineSummary)
    {
        public override string ToString() => $"{Ruleset} {Port}{(To == "-" ? string.Empty : " to " + To)}: kernel {Kernel}, reach {Code}: {Summary}";
    }

    /// <summary>One run of lab/local-corpus.sh for both facts: it loads a dozen rulesets and sends ~100 packets.</summary>
    public sealed class CorpusRun
    {
        private readonly Lazy<IReadOnlyList<Packet>> packets = new(Run);

        public IReadOnlyList<Packet> Packets => packets.Value;

        private static List<Packet> Run()
        {
            if (!File.Exists(Lab.Reach))
            {
                throw new InvalidOperationException($"{Lab.Reach} is missing: publish the CLI first (scripts/build.sh).");
            }

            var run = Lab.Run("bash", [Path.Combine(Lab.RepoRoot, "lab", "local-corpus.sh")], TimeSpan.FromMinutes(20));
            Assert.True(run.ExitCode == 0, $"local-corpus.sh failed: {run.Stderr}");
            var packets = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => l.Split('\t'))
                .Where(f => f.Length == 8)
                .Select(f => new Packet(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7]))
                .ToList();
            Assert.True(packets.Count >= 60, $"only {packets.Count} packets were sent:\n{run.Stdout}\n{run.Stderr}");
            return packets;
        }
    }

    /// <summary>
    /// What a client sees, in reach's words: the handshake or the UDP echo; an RST (nothing listens on TCP,
    /// or a tcp-reset reject); ICMP port-unreachable (a reject of that type, or nothing listening on UDP);
    /// another ICMP error (a reject of another type); or nothing (a drop). Nothing is the kernel's answer only
    /// when a second packet, sent after its ICMP rate limit refilled, gets nothing too (lab/local-corpus.sh):
    /// a reject whose ICMP the budget swallowed is not a drop.
    /// </summary>
    private static bool Agrees(Packet p) => p.Kernel switch
    {
        "open" => p.Code == "ok",
        "rst" => p.Code is "listener.none" or "listener.loopback-only" or "listener.wrong-family"
            || (p.Code == "firewall.reject" && TcpReset(p.Summary)),
        "icmp-port" => (p.Code == "firewall.reject" && PortUnreachable(p.Summary))
            || (p.Port.Contains("/udp", StringComparison.Ordinal) && p.Code == "listener.none" && p.Summary.Contains("ICMP port-unreachable", StringComparison.Ordinal)),
        "icmp" => p.Code == "firewall.reject" && !TcpReset(p.Summary) && !PortUnreachable(p.Summary),
        "silence" => p.Code == "firewall.drop",
        _ => false,
    };

    private static bool TcpReset(string summary) =>
        summary.Contains("tcp-reset", StringComparison.Ordinal) || summary.Contains("tcp reset", StringComparison.Ordinal);

    // iptables icmp-port-unreachable / icmp6-port-unreachable, nft icmp(v6|x) port-unreachable.
    private static bool PortUnreachable(string summary) => summary.Contains("port-unreachable", StringComparison.Ordinal);

    [LabFact]
    public void Every_packet_of_every_real_ruleset_agrees_with_the_kernel()
    {
        var packets = corpus.Packets;
        Assert.True(packets.Select(p => p.Ruleset).Distinct().Count() >= 10, "fewer than ten rulesets ran");
        var wrong = packets.Where(p => !Agrees(p)).ToList();
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {packets.Count} packets disagree with the kernel:\n{string.Join("\n", wrong)}");
    }

    // Counters as iptables-save -c shows them ("(packets:bytes [2:120])") and as nft prints them in the rule ("counter packets 2 bytes 120").
    private static string WithoutCounters(string summary) =>
        System.Text.RegularExpressions.Regex.Replace(
            System.Text.RegularExpressions.Regex.Replace(summary, @" \(packets:bytes \[\d+:\d+\]\)", string.Empty),
            @"counter packets \d+ bytes \d+", "counter");

    [LabFact]
    public void The_offline_verdict_of_each_ruleset_equals_the_live_one()
    {
        var packets = corpus.Packets;
        Assert.True(packets.Select(p => p.Ruleset).Distinct().Count() >= 10, "fewer than ten rulesets ran");
        Assert.All(packets, p => Assert.NotEqual("-", p.OfflineCode));
        // The live summary quotes the rule's counters, which the kernel's own probes of the run moved; the
        // proposed files carry none (or those of their capture): the rest must be word for word the same.
        var differ = packets.Where(p => p.OfflineCode != p.Code || WithoutCounters(p.OfflineSummary) != WithoutCounters(p.Summary))
            .Select(p => $"{p}\n    offline {p.OfflineCode}: {p.OfflineSummary}")
            .ToList();
        Assert.True(differ.Count == 0, $"{differ.Count} of {packets.Count} packets have another verdict offline than live:\n{string.Join("\n", differ)}");
    }
}
