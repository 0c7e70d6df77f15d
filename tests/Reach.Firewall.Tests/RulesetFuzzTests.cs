using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Reach.Firewall.Tests;

/// <summary>
/// No input crashes the ruleset readers: the real captures, mutated by a seeded (so repeatable) mutator,
/// go through format detection, the syntax check, the parser, the combination into one ruleset and a
/// trace of a few packets. Text mutations (bytes deleted, inserted, lines duplicated, swapped or cut,
/// tokens moved) reach the line grammars; JSON mutations (values of another kind, properties removed,
/// elements duplicated, strings changed) reach past nft's JSON syntax into the parser's reading of it.
/// </summary>
public sealed class RulesetFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20_160_916;

    private static readonly string[] Alphabet =
    [
        "\"", "'", "\\", "[", "]", "{", "}", ":", ",", "-", "--", "!", "/", "*", "#", " ", "\t", "\n", "\r\n", "\0",
        "0", "1", "-1", "65536", "4294967296", "99999999999999999999", "0x", "0xffffffff", "::", "::1", "10.1.2.5/33", "300.1.1.1",
        "-A", "-j", "-m", "-p", "COMMIT", "*filter", ":INPUT", "DROP", "ACCEPT", "REJECT", "--dport", "--match-set", "-g", "-N",
        "create", "add", "hash:ip", "hash:net,port", "nomatch", "timeout", "family", "inet6", "é", "\u202e", "\uD800", "null", "true",
    ];

    private static readonly PacketRouter Local = _ => new RouteChoice(RouteKind.Local, null, "local");

    private static readonly Packet[] Packets =
    [
        Packet.Tcp(IPAddress.Parse("10.88.1.2"), IPAddress.Parse("10.88.1.1"), 22, TrafficDirection.Input, 40000) with { InInterface = "eth0" },
        Packet.Tcp(IPAddress.Parse("203.0.113.10"), IPAddress.Parse("10.88.1.1"), 80, TrafficDirection.Input, 40000) with { InInterface = "eth0" },
        Packet.Udp(IPAddress.Parse("2001:db8:88::2"), IPAddress.Parse("2001:db8:88::1"), 53, TrafficDirection.Input, 40000) with { InInterface = "eth0" },
    ];

    [Fact]
    public void Mutated_iptables_save_never_throws()
    {
        var seeds = Seeds(n => n.EndsWith("tables-save.txt", StringComparison.Ordinal));
        var tried = Run(seeds, 6000, (random, seed) => MutateText(random, seed));
        output.WriteLine($"iptables-save / ip6tables-save: {tried} mutated inputs from {seeds.Count} captures, none threw");
        Assert.True(tried >= 6000);
    }

    [Fact]
    public void Mutated_nft_json_never_throws()
    {
        var seeds = Seeds(n => n == "nft.json");
        var tried = Run(seeds, 6000, (random, seed) => random.Next(3) == 0 ? MutateText(random, seed) : MutateJson(random, seed));
        output.WriteLine($"nft -j: {tried} mutated inputs from {seeds.Count} captures, none threw");
        Assert.True(tried >= 6000);
    }

    [Fact]
    public void Mutated_ipset_save_never_throws()
    {
        var big = File.ReadAllLines(Path.Combine(Fixture.Root, "big", "ipset-save.txt"));
        var seeds = Seeds(n => n == "ipset-save.txt")
            .Append(string.Join('\n', big.Take(60)) + "\n")
            .ToList();
        var tried = Run(seeds, 4000, (random, seed) => MutateText(random, seed));
        output.WriteLine($"ipset save: {tried} mutated inputs from {seeds.Count} captures, none threw");
        Assert.True(tried >= 4000);
    }

    private static List<string> Seeds(Func<string, bool> wanted) =>
        [.. RulesetSyntaxTests.AllCaptures().Where(c => !c.Name.StartsWith("big/", StringComparison.Ordinal) && wanted(Path.GetFileName(c.Path))).Select(c => RulesetSyntaxTests.Text(c.Path))];

    /// <summary>Feeds <paramref name="count"/> mutants through every reader; the first exception fails the test with the input that caused it.</summary>
    private static int Run(List<string> seeds, int count, Func<Random, string, string> mutate)
    {
        Assert.NotEmpty(seeds);
        var random = new Random(Seed);
        var tried = 0;
        for (var i = 0; i < count; i++)
        {
            var input = mutate(random, seeds[i % seeds.Count]);
            // A mutant of a mutant reaches further from the valid form.
            if (random.Next(4) == 0)
            {
                input = mutate(random, input);
            }

            try
            {
                Exercise(input);
            }
            catch (Exception e)
            {
                var file = Path.Combine(Path.GetTempPath(), $"reach-fuzz-{i}.txt");
                File.WriteAllText(file, input, new UTF8Encoding(false, throwOnInvalidBytes: false));
                Assert.Fail($"input {i} (saved to {file}) threw {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
            }

            tried++;
        }

        return tried;
    }

    private static void Exercise(string input)
    {
        var format = RulesetSyntax.Detect(input, "proposed");
        _ = RulesetSyntax.Check(input, format);
        foreach (var f in new[] { RulesetFormat.IptablesSave, RulesetFormat.NftJson, RulesetFormat.IpsetSave })
        {
            _ = RulesetSyntax.Check(input, f);
        }

        var ruleset = Ruleset.Create(
            [IptablesSaveParser.Parse(input, "iptables"), IptablesSaveParser.Parse(input, "ip6tables")],
            NftJsonParser.Parse(input),
            IpsetSaveParser.Parse(input));
        foreach (var packet in Packets)
        {
            _ = PacketTracer.TraceAll(ruleset, packet, Local);
        }
    }

    private static string MutateText(Random random, string seed)
    {
        var lines = seed.Split('\n').ToList();
        switch (random.Next(8))
        {
            case 0 when seed.Length > 0:
                var at = random.Next(seed.Length);
                return seed.Remove(at, Math.Min(seed.Length - at, 1 + random.Next(40)));
            case 1:
                return seed.Insert(random.Next(seed.Length + 1), Alphabet[random.Next(Alphabet.Length)]);
            case 2 when lines.Count > 0:
                var l = random.Next(lines.Count);
                lines.Insert(random.Next(lines.Count + 1), lines[l]);
                return string.Join('\n', lines);
            case 3 when lines.Count > 1:
                var (a, b) = (random.Next(lines.Count), random.Next(lines.Count));
                (lines[a], lines[b]) = (lines[b], lines[a]);
                return string.Join('\n', lines);
            case 4:
                return seed[..random.Next(seed.Length + 1)];
            case 5 when lines.Count > 0:
                lines.RemoveAt(random.Next(lines.Count));
                return string.Join('\n', lines);
            case 6:
                var words = seed.Split(' ');
                words[random.Next(words.Length)] = random.Next(2) == 0 ? words[random.Next(words.Length)] : Alphabet[random.Next(Alphabet.Length)];
                return string.Join(' ', words);
            default:
                var chars = seed.ToCharArray();
                if (chars.Length > 0)
                {
                    chars[random.Next(chars.Length)] = (char)random.Next(0, 0x3000);
                }

                return new string(chars);
        }
    }

    private static string MutateJson(Random random, string seed)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(seed);
        }
        catch (System.Text.Json.JsonException)
        {
            return MutateText(random, seed);
        }

        if (root is null)
        {
            return seed;
        }

        var nodes = new List<JsonNode>();
        Collect(root, nodes);
        if (nodes.Count == 0)
        {
            return MutateText(random, seed);
        }

        for (var k = 1 + random.Next(3); k > 0; k--)
        {
            var node = nodes[random.Next(nodes.Count)];
            switch (node.Parent)
            {
                case JsonObject parent:
                    var name = node.GetPropertyName();
                    switch (random.Next(3))
                    {
                        case 0:
                            parent.Remove(name);
                            break;
                        default:
                            parent[name] = RandomValue(random);
                            break;
                    }

                    break;
                case JsonArray array:
                    var index = node.GetElementIndex();
                    switch (random.Next(3))
                    {
                        case 0:
                            array.RemoveAt(index);
                            break;
                        case 1:
                            array.Insert(index, node.DeepClone());
                            break;
                        default:
                            array[index] = RandomValue(random);
                            break;
                    }

                    break;
            }

            nodes.Clear();
            Collect(root, nodes);
            if (nodes.Count == 0)
            {
                break;
            }
        }

        return root.ToJsonString();
    }

    private static void Collect(JsonNode node, List<JsonNode> into)
    {
        if (node.Parent is not null)
        {
            into.Add(node);
        }

        switch (node)
        {
            case JsonObject o:
                foreach (var (_, v) in o)
                {
                    if (v is not null)
                    {
                        Collect(v, into);
                    }
                }

                break;
            case JsonArray a:
                foreach (var v in a)
                {
                    if (v is not null)
                    {
                        Collect(v, into);
                    }
                }

                break;
        }
    }

    private static JsonNode? RandomValue(Random random) => random.Next(9) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next(-5, 70000)),
        2 => JsonValue.Create(Alphabet[random.Next(Alphabet.Length)]),
        3 => new JsonObject(),
        4 => new JsonArray(),
        5 => JsonValue.Create(random.Next(2) == 0),
        6 => JsonValue.Create(1e300),
        7 => new JsonObject { ["set"] = "@" + Alphabet[random.Next(Alphabet.Length)] },
        _ => JsonValue.Create(new string('a', random.Next(300))),
    };
}
