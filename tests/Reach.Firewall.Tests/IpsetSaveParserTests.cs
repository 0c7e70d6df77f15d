namespace Reach.Firewall.Tests;

public sealed class IpsetSaveParserTests
{
    [Fact]
    public void SetsOfEachTypeAreRead()
    {
        var dump = IpsetSaveParser.Parse(Fixture.Read("11-ipset", "ipset-save.txt"));

        Assert.Equal(["blocklist", "blocknets", "ssh_clients"], dump.Sets.Select(s => s.Name));
        var blocklist = dump.Find("blocklist")!;
        Assert.Equal(("hash:ip", IpFamily.IPv4), (blocklist.Type, blocklist.Family));
        Assert.StartsWith("family inet hashsize 1024", blocklist.Options, StringComparison.Ordinal);
        Assert.Equal("10.1.1.7", blocklist.Entries.Single().Parts.Single().ToString());
        var nets = dump.Find("blocknets")!;
        Assert.Equal([("192.168.50.128/25", true), ("192.168.50.0/24", false)], nets.Entries.Select(e => (e.Parts[0].ToString(), e.NoMatch)));
        var ipPort = dump.Find("ssh_clients")!;
        Assert.Equal(["ip", "port"], ipPort.Dimensions);
        Assert.Equal(new ProtocolPortValue(6, 22, 22), ipPort.Entries.Single().Parts[1]);
        Assert.Empty(dump.Notes);
    }

    [Fact]
    public void BigBlocklistHasEveryEntry()
    {
        var set = Fixture.Big.FindIpSet("big_blocklist")!;

        Assert.Equal(1000, set.Entries.Count);
    }

    [Fact]
    public void UncomparableDimensionMarksTheSetUnreadable()
    {
        var dump = IpsetSaveParser.Parse("create macs hash:mac hashsize 1024\nadd macs 00:11:22:33:44:55\nadd nosuch 10.0.0.1\n");

        Assert.NotNull(dump.Find("macs")!.Unreadable);
        Assert.Contains(dump.Notes, n => n.Contains("nosuch", StringComparison.Ordinal));
    }
}
