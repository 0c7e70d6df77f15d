using System.Net;
using Reach.Core.Assessment;
using Reach.Core.Model;
using Reach.Core.Observations;
using Reach.Core.Text;
using Reach.Engine;
using Reach.Firewall;
using Reach.Readers;
using Reach.Readers.Parsing;
using Xunit;
using Verdict = Reach.Firewall.Verdict;

namespace Reach.Tests.Local;

/// <summary>
/// Rate and per-source matches decided from the state the kernel keeps for them, captured in web1 of the
/// lab at one moment (Fixtures/rate-state, see Fixtures/README.md): a ufw-limit-like recent pair that dev1
/// went over, a recent list nothing --sets, a hashlimit bucket dev1 emptied, and the kernel's clock.
/// </summary>
public sealed class RateStateTests
{
    private static readonly IPAddress Web1 = IPAddress.Parse("10.1.2.5");

    private static string Captured(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "rate-state", name));

    private static Ruleset Rules => Ruleset.Create([IptablesSaveParser.Parse(Captured("iptables-save.txt"), "iptables")]);

    /// <summary>The state as reach reads it from the captured files.</summary>
    private static RateState State => new RateStateReader(new FakeSystem(new()
    {
        ["/proc/net/xt_recent/web"] = Captured("xt_recent-web.txt"),
        ["/proc/net/xt_recent/empty"] = Captured("xt_recent-empty.txt"),
        ["/proc/net/ipt_hashlimit/hl"] = Captured("ipt_hashlimit-hl.txt"),
        ["/proc/timer_list"] = Captured("timer_list.txt"),
    })).ReadAsync(Rules, CancellationToken.None).GetAwaiter().GetResult();

    private static TraceResult Trace(string client, RateState state, ClientRate rate = ClientRate.Unknown) =>
        PacketTracer.Trace(Rules with { Rates = state }, Packet.Tcp(IPAddress.Parse(client), Web1, 80, TrafficDirection.Input, 40000) with { InInterface = "eth0", Rate = rate });

    private static Finding Judge(TraceResult t, string client) =>
        FirewallCheck.Assess(new LocalObservations(80, "tcp", IPAddress.Parse(client), true, Web1, "eth0", [], 0,
            new FirewallObservation(FirewallTraces.From(t), ["iptables-save -c"], [], $"tcp {client} → 10.1.2.5:80")));

    // ------------------------------------------------------------------ parsers

    [Fact]
    public void Recent_list_lines_give_the_address_ttl_and_every_timestamp()
    {
        var entry = Assert.Single(XtRecentParser.Parse(Captured("xt_recent-web.txt")));

        Assert.Equal(IPAddress.Parse("10.1.1.7"), entry.Address);
        Assert.Equal(63, entry.Ttl);
        Assert.Equal(32, entry.Stamps.Count);
        Assert.Contains(4295860928UL, entry.Stamps);
    }

    [Fact]
    public void An_empty_recent_file_is_an_empty_list()
    {
        Assert.Empty(XtRecentParser.Parse(Captured("xt_recent-empty.txt")));
    }

    [Fact]
    public void Hashlimit_buckets_give_expiry_key_and_credits()
    {
        var bucket = Assert.Single(HashlimitParser.Parse(Captured("ipt_hashlimit-hl.txt")));

        Assert.Equal(52, bucket.ExpiresInSeconds);
        Assert.Equal(IPAddress.Parse("10.1.1.7"), bucket.Source);
        Assert.Equal(IPAddress.Any, bucket.Destination);
        Assert.True(bucket.Credit < bucket.Cost);
        Assert.Equal(bucket.Cost, bucket.CreditCap);
    }

    [Fact]
    public void The_kernel_clock_is_jiffies_and_hz_from_timer_list()
    {
        var clock = KernelClockParser.Parse(Captured("timer_list.txt"));

        Assert.Equal((4295861974UL, 250), clock);
    }

    [Fact]
    public void Conntrack_table_lines_give_the_original_direction_and_tcp_state()
    {
        var c = Assert.Single(ConntrackTableParser.Parse("ipv4     2 tcp      6 431999 ESTABLISHED src=10.1.1.7 dst=10.1.2.5 sport=51234 dport=80 src=10.1.2.5 dst=10.1.1.7 sport=80 dport=51234 [ASSURED] mark=0 use=2\n"));

        Assert.Equal(("tcp", "10.1.1.7", 80, "ESTABLISHED"), (c.Protocol, c.Source.ToString(), c.DestinationPort, c.State));
    }

    [Fact]
    public void Compiled_matches_carry_their_options()
    {
        var input = Rules.Tables[0].FindChain("INPUT")!.Rules;
        var update = input[1].Statements.OfType<RateLimitMatch>().Single();
        var hashlimit = input[3].Statements.OfType<RateLimitMatch>().Single();

        Assert.Equal(new RecentSpec("web", RecentCommand.Update, 60, 3, false, IPAddress.Broadcast, false, false), update.Recent);
        Assert.Equal("hl", hashlimit.Hashlimit!.Name);
        Assert.Equal(1.0 / 60, hashlimit.Hashlimit.PacketsPerSecond!.Value, 6);
        Assert.Equal(60, hashlimit.Hashlimit.ExpireSeconds);
        Assert.False(hashlimit.MatchesUnderLimit);
    }

    // ------------------------------------------------------------------ decisions

    [Fact]
    public void A_client_over_its_recent_hitcount_is_firewall_rate_limited_naming_the_rule_and_its_hits()
    {
        var t = Trace("10.1.1.7", State);
        var f = Judge(t, "10.1.1.7");

        Assert.Equal(Verdict.Drop, t.Verdict);
        Assert.Equal(Codes.FirewallRateLimited, f.Code);
        Assert.Contains("iptables filter/INPUT rule 2", Catalog.English.Format(f.Summary), StringComparison.Ordinal);
        Assert.Contains("in the last 60 s on list web (--hitcount 3)", Catalog.English.Format(f.Summary), StringComparison.Ordinal);
        Assert.Contains("echo -10.1.1.7 > /proc/net/xt_recent/web", Catalog.English.Format(f.Fix!), StringComparison.Ordinal);
    }

    [Fact]
    public void A_client_on_no_list_and_with_no_bucket_passes_every_rate_rule_and_the_empty_list_never_matches()
    {
        var t = Trace("10.1.1.8", State);
        var f = Judge(t, "10.1.1.8");

        Assert.Equal(Verdict.Accept, t.Verdict);
        Assert.Equal(Codes.FirewallOk, f.Code);
        Assert.Contains(t.RateFacts, r => r.How.Contains("list empty is empty", StringComparison.Ordinal));
        Assert.Contains(t.RateFacts, r => r.How.Contains("no bucket for this client's key", StringComparison.Ordinal));
        Assert.All(t.RateFacts, r => Assert.True(r.FromState));
    }

    [Fact]
    public void A_hashlimit_bucket_out_of_credit_is_over_its_rate()
    {
        // The same moment's state without the recent list's entry: the packet gets as far as the hashlimit rule.
        var state = State with { Recent = new Dictionary<string, IReadOnlyList<RecentEntry>?> { ["web"] = [], ["empty"] = [] } };

        var t = Trace("10.1.1.7", state);
        var f = Judge(t, "10.1.1.7");

        Assert.Equal((Verdict.Drop, (int?)4), (t.Verdict, t.DecidedBy!.RuleNumber));
        Assert.Equal(Codes.FirewallRateLimited, f.Code);
        Assert.Contains("/proc/net/ipt_hashlimit/hl", Catalog.English.Format(f.Summary), StringComparison.Ordinal);
    }

    [Fact]
    public void A_recent_list_that_cannot_be_read_stops_the_trace_at_its_rule()
    {
        var t = Trace("10.1.1.7", RateState.Empty);

        Assert.Equal(Verdict.Inconclusive, t.Verdict);
        Assert.Equal(2, t.DecidedBy!.RuleNumber);
        Assert.StartsWith("recent: ", t.InconclusiveReason, StringComparison.Ordinal);
        Assert.Contains("/proc/net/xt_recent/web was not read", t.InconclusiveReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_its_clock_a_recent_window_is_not_judged()
    {
        var t = Trace("10.1.1.7", State with { Jiffies = null, Hz = null });

        Assert.Equal(Verdict.Inconclusive, t.Verdict);
        Assert.Contains("/proc/timer_list", t.InconclusiveReason, StringComparison.Ordinal);
    }

    private static Ruleset Limit(string file) => Ruleset.Create([IptablesSaveParser.Parse(Captured(file), "iptables")]);

    [Fact]
    public void A_limit_with_no_state_is_assumed_only_when_asked()
    {
        var packet = Packet.Tcp(IPAddress.Parse("10.1.1.7"), Web1, 80, TrafficDirection.Input, 40000) with { InInterface = "eth0" };
        var rules = Limit("limit-before.txt");

        var unknown = PacketTracer.Trace(rules, packet with { Rate = ClientRate.Unknown });
        Assert.Equal(Verdict.Inconclusive, unknown.Verdict);
        Assert.StartsWith("limit: whether the client is over this rate limit cannot be read", unknown.InconclusiveReason, StringComparison.Ordinal);
        Assert.Equal(Verdict.Accept, PacketTracer.Trace(rules, packet with { Rate = ClientRate.Under }).Verdict);
        var over = PacketTracer.Trace(rules, packet with { Rate = ClientRate.Over });
        Assert.Equal((Verdict.Drop, (int?)2), (over.Verdict, over.DecidedBy!.RuleNumber));
    }

    [Fact]
    public void Counters_of_the_rule_that_stops_clients_over_the_limit_are_compared_by_place_and_text()
    {
        // Captured around one curl from dev1 after the bucket was empty: its SYN and a retransmission dropped.
        var packet = Packet.Tcp(IPAddress.Parse("10.1.1.7"), Web1, 80, TrafficDirection.Input, 40000) with { InInterface = "eth0", Rate = ClientRate.Over };
        var over = PacketTracer.Trace(Limit("limit-before.txt"), packet);

        Assert.Equal(2, RateCounters.Rise(over.DecidedBy!, Limit("limit-after.txt")));
        Assert.Equal(0, RateCounters.Rise(over.DecidedBy!, Limit("limit-before.txt")));
    }
}
