using System.IO.Compression;
using System.Net;

namespace Reach.Firewall.Tests;

/// <summary>Reads the real captures under Fixtures/ (see Fixtures/README.md for how each was made).</summary>
internal static class Fixture
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static string Path_(string scenario, string file) => Path.Combine(Root, "scenarios", scenario, file);

    public static string Read(string scenario, string file) => File.ReadAllText(Path_(scenario, file));

    public static bool Has(string scenario, string file) => File.Exists(Path_(scenario, file));

    /// <summary>The iptables-save output with its standard error appended, as a reader capturing both would see it.</summary>
    public static string WithStderr(string scenario, string file) =>
        Read(scenario, file) + (Has(scenario, file + ".stderr") ? Read(scenario, file + ".stderr") : "");

    public static IptablesDump Iptables(string scenario, string file = "iptables-save.txt", string source = "iptables") =>
        IptablesSaveParser.Parse(WithStderr(scenario, file), source);

    public static NftDump Nft(string scenario) => NftJsonParser.Parse(Read(scenario, "nft.json"));

    /// <summary>Every capture of a scenario combined, the way reach reads a host.</summary>
    public static Ruleset Load(string scenario, bool iptables = true, bool nft = true)
    {
        var dumps = new List<IptablesDump>();
        if (iptables)
        {
            foreach (var (file, source) in new[]
            {
                ("iptables-save.txt", "iptables"),
                ("ip6tables-save.txt", "ip6tables"),
                ("iptables-legacy-save.txt", "iptables-legacy"),
                ("ip6tables-legacy-save.txt", "ip6tables-legacy"),
            })
            {
                if (Has(scenario, file))
                {
                    dumps.Add(Iptables(scenario, file, source));
                }
            }
        }

        return Ruleset.Create(
            dumps,
            nft && Has(scenario, "nft.json") ? Nft(scenario) : null,
            Has(scenario, "ipset-save.txt") ? IpsetSaveParser.Parse(Read(scenario, "ipset-save.txt")) : null);
    }

    private static readonly Lazy<Ruleset> BigRuleset = new(() =>
    {
        var dir = Path.Combine(Root, "big");
        using var gz = new GZipStream(File.OpenRead(Path.Combine(dir, "nft.json.gz")), CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        return Ruleset.Create(
            [IptablesSaveParser.Parse(File.ReadAllText(Path.Combine(dir, "iptables-save.txt")), "iptables")],
            NftJsonParser.Parse(reader.ReadToEnd()),
            IpsetSaveParser.Parse(File.ReadAllText(Path.Combine(dir, "ipset-save.txt"))));
    });

    public static Ruleset Big => BigRuleset.Value;

    public static IPAddress Ip(string text) => IPAddress.Parse(text);

    /// <summary>A first SYN from <paramref name="source"/> to this host's 10.0.0.1 (or ::1 for IPv6) on <paramref name="port"/>.</summary>
    public static Packet SynIn(string source, int port, string? iif = "eth0") =>
        Packet.Tcp(Ip(source), Ip(source.Contains(':', StringComparison.Ordinal) ? "2001:db8:ffff::1" : "10.0.0.1"), port, sourcePort: 40000) with
        {
            InInterface = iif,
        };

    public static TraceResult Trace(string scenario, Packet packet) => PacketTracer.Trace(Load(scenario), packet);
}
