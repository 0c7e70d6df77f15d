namespace Reach.Firewall.Tests;

public sealed class IptablesSaveParserTests
{
    [Fact]
    public void SeedRuleIsParsedWithItsTextCountersAndStatements()
    {
        var dump = Fixture.Iptables("01-seed-reject-80");

        var filter = Assert.Single(dump.Tables);
        Assert.Equal("filter", filter.Name);
        Assert.Equal(TableFamily.Ip, filter.Family);
        var input = filter.FindChain("INPUT")!;
        Assert.Equal(ChainHook.Input, input.Base!.Hook);
        Assert.Equal(ChainPolicy.Accept, input.Base.Policy);
        var rule = Assert.Single(input.Rules);
        Assert.Equal(1, rule.Number);
        Assert.Equal("-A INPUT -p tcp -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable", rule.Text);
        Assert.Equal(new Counters(2, 120), rule.Counters);
        Assert.Contains(rule.Statements, s => s is FieldMatch { Fields: [PacketField.Protocol] } f && f.Values.Single() == new NumberValue(6));
        Assert.Contains(rule.Statements, s => s is FieldMatch { Fields: [PacketField.DestinationPort] } f && f.Values.Single() == new NumberValue(80));
        var reject = Assert.Single(rule.Statements.OfType<VerdictAction>());
        Assert.Equal(VerdictKind.Reject, reject.Kind);
        Assert.Equal((3, 3), (reject.Reject!.V4Type, reject.Reject.V4Code));
        Assert.Empty(rule.UnsupportedMatches);
    }

    [Fact]
    public void HeaderTellsTheNfTablesBackendFromTheLegacyOne()
    {
        var nft = Fixture.Iptables("10-legacy");
        var legacy = Fixture.Iptables("10-legacy", "iptables-legacy-save.txt", "iptables-legacy");

        Assert.Equal(FirewallBackend.NfTables, nft.Backend);
        Assert.Equal("iptables", nft.Source);
        Assert.Equal(FirewallBackend.Legacy, legacy.Backend);
        Assert.Equal("iptables-legacy", legacy.Source);
        Assert.Equal("iptables-legacy", legacy.Tables[0].Source);
    }

    [Fact]
    public void HeaderOverridesAMisleadingSourceName()
    {
        // The text is legacy output whatever the caller called it.
        var dump = IptablesSaveParser.Parse(Fixture.Read("10-legacy", "iptables-legacy-save.txt"), "iptables");

        Assert.Equal(FirewallBackend.Legacy, dump.Backend);
        Assert.Equal("iptables-legacy", dump.Source);
        Assert.Equal("iptables", dump.Label);
    }

    [Fact]
    public void LegacyWarningOnStandardErrorIsRecorded()
    {
        Assert.True(Fixture.Iptables("10-legacy").LegacyTablesPresent);
        Assert.False(Fixture.Iptables("01-seed-reject-80").LegacyTablesPresent);
    }

    [Fact]
    public void Ip6tablesSaveIsReadAsIPv6()
    {
        var dump = Fixture.Iptables("13-ip6tables", "ip6tables-save.txt", "ip6tables");

        Assert.Equal(IpFamily.IPv6, dump.Family);
        Assert.Equal("ip6tables", dump.Source);
        var rules = dump.Tables[0].FindChain("INPUT")!.Rules;
        Assert.Equal(new Counters(1, 104), rules[0].Counters);
        var source = rules[1].Statements.OfType<FieldMatch>().Single(f => f.Fields[0] == PacketField.SourceAddress);
        Assert.Equal("2001:db8:1::/48", source.Values.Single().ToString());
        Assert.Equal((1, 1), (rules[2].Statements.OfType<VerdictAction>().Single().Reject!.V6Type, rules[2].Statements.OfType<VerdictAction>().Single().Reject!.V6Code));
    }

    [Fact]
    public void PolicyCountersAndUserChainsAreRead()
    {
        var policyDrop = Fixture.Iptables("03-policy-drop-ssh-only").Tables[0].FindChain("INPUT")!;
        var userChains = Fixture.Iptables("05-user-chain-reject").Tables[0];

        Assert.Equal(ChainPolicy.Drop, policyDrop.Base!.Policy);
        Assert.Equal(new Counters(1, 84), policyDrop.Base.PolicyCounters);
        Assert.False(userChains.FindChain("APP")!.IsBaseChain);
        Assert.Equal(3, userChains.FindChain("APP")!.Rules.Count);
        var jump = userChains.FindChain("INPUT")!.Rules[0].Statements.OfType<VerdictAction>().Single();
        Assert.Equal((VerdictKind.Jump, "APP"), (jump.Kind, jump.Chain));
        var goTo = userChains.FindChain("INPUT")!.Rules[2].Statements.OfType<VerdictAction>().Single();
        Assert.Equal((VerdictKind.Goto, "UDP_IN"), (goTo.Kind, goTo.Chain));
    }

    [Fact]
    public void QuotedCommentWithEscapedQuotesIsUnquoted()
    {
        var rules = Fixture.Iptables("17-iptables-matches").Tables[0].FindChain("INPUT")!.Rules;

        Assert.Equal("app ports on eth*", rules[2].Comment);
        Assert.Equal("quoted \"comment\" with spaces", rules[14].Comment);
        Assert.Contains("--comment \"quoted \\\"comment\\\" with spaces\"", rules[14].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownModulesAndTargetsAreKeptNotDropped()
    {
        var rules = Fixture.Iptables("17-iptables-matches").Tables[0].FindChain("INPUT")!.Rules;
        var modules = rules.SelectMany(r => r.UnsupportedMatches).Select(u => u.Module).ToList();

        Assert.Equal(["time", "string"], modules);
        Assert.Equal([RateKind.Limit, RateKind.Recent, RateKind.Connlimit], rules.SelectMany(r => r.Statements).OfType<RateLimitMatch>().Select(m => m.Kind));
        Assert.Contains("--timestart 09:00:00", rules.SelectMany(r => r.UnsupportedMatches).First().Text, StringComparison.Ordinal);
        Assert.Equal("NFQUEUE", Assert.Single(rules.SelectMany(r => r.UnsupportedActions)).Target);
    }

    [Fact]
    public void MasksRangesFlagsAndIcmpTypesAreRead()
    {
        var rules = Fixture.Iptables("17-iptables-matches").Tables[0].FindChain("INPUT")!.Rules;

        var mask = rules[7].Statements.OfType<FieldMatch>().Single(f => f.Fields[0] == PacketField.SourceAddress);
        Assert.Equal("10.0.0.0/255.0.255.0", mask.Values.Single().ToString());
        var range = rules[5].Statements.OfType<FieldMatch>().Single(f => f.Fields[0] == PacketField.SourceAddress);
        Assert.Equal("10.5.0.1-10.5.0.20", range.Values.Single().ToString());
        var negated = rules[6].Statements.OfType<FieldMatch>().Single(f => f.Fields[0] == PacketField.SourceAddress);
        Assert.Equal(MatchOperator.NotEqual, negated.Operator);
        var flags = rules[13].Statements.OfType<FieldMatch>().Single(f => f.Fields[0] == PacketField.TcpFlags);
        Assert.Equal((ulong)(TcpControlBits.Fin | TcpControlBits.Syn | TcpControlBits.Rst | TcpControlBits.Ack), flags.Mask);
        Assert.Equal(MatchOperator.NotEqual, flags.Operator);
        var icmp = rules[9].Statements.OfType<FieldMatch>().Single(f => f.Fields[0] == PacketField.IcmpType);
        Assert.Equal(new NumberValue(8), icmp.Values.Single());
        Assert.Contains(rules[9].Statements, s => s is RateLimitMatch { MatchesUnderLimit: true });
        var multiport = rules[2].Statements.OfType<FieldMatch>().Single(f => f.Fields[0] == PacketField.DestinationPort);
        Assert.Equal([new NumberValue(1000, 1010), new NumberValue(2000)], multiport.Values);
    }

    [Fact]
    public void IncompatibleTableIsRecorded()
    {
        var dump = Fixture.Iptables("16-nft-matches");

        Assert.Equal(["nat"], dump.IncompatibleTables);
    }

    [Fact]
    public void GarbageNeverThrows()
    {
        var dump = IptablesSaveParser.Parse("*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -p tcp --dport\n-A INPUT ! \nnonsense\n-A INPUT -m frob --frob 1 -j FROB\nCOMMIT\n", "iptables");

        var rules = dump.Tables[0].FindChain("INPUT")!.Rules;
        Assert.Equal(3, rules.Count);
        Assert.Contains(dump.Notes, n => n.Contains("nonsense", StringComparison.Ordinal));
        Assert.Equal("frob", rules[2].UnsupportedMatches.Single().Module);
        Assert.Equal("FROB", rules[2].UnsupportedActions.Single().Target);
    }
}
