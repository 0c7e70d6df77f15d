using System.Text.Json;

namespace Reach.Firewall;

/// <summary>
/// Reads <c>nft -j list ruleset</c> (libnftables-json(5)): tables, chains, rules, named sets and maps.
/// Uses <see cref="JsonDocument"/> only, so it stays trimmable and NativeAOT-clean. Never throws on
/// content: text that is not JSON gives an empty dump with a note.
/// </summary>
public static class NftJsonParser
{
    private sealed class TableBuilder(TableFamily family, string name, long? handle)
    {
        public TableFamily Family { get; } = family;

        public string Name { get; } = name;

        public long? Handle { get; } = handle;

        public List<(string Name, BaseChainInfo? Base, long? Handle)> Chains { get; } = [];

        public Dictionary<string, List<FirewallRule>> Rules { get; } = new(StringComparer.Ordinal);

        public List<NftSet> Sets { get; } = [];
    }

    public static NftDump Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var notes = new List<string>();
        try
        {
            using var doc = JsonDocument.Parse(json);
            return Read(doc.RootElement, notes);
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            // ArgumentException: a string that is not valid UTF-16 (a lone surrogate) cannot be JSON text.
            notes.Add($"not nft JSON: {e.Message}");
            return new NftDump(null, [], notes);
        }
    }

    private static NftDump Read(JsonElement root, List<string> notes)
    {
        string? version = null;
        var tables = new List<TableBuilder>();
        TableBuilder? Find(JsonElement o, string tableKey)
        {
            var family = ParseFamily(NftRenderer.Str(o, "family"));
            var name = NftRenderer.Str(o, tableKey);
            var t = tables.FirstOrDefault(x => x.Family == family && x.Name == name);
            if (t is null && family is { } f && name is not null)
            {
                // libnftables lists a table before its contents, but a partial listing may not.
                t = new TableBuilder(f, name, null);
                tables.Add(t);
            }

            return t;
        }

        if (NftRenderer.Get(root, "nftables") is not { ValueKind: JsonValueKind.Array } items)
        {
            notes.Add("no \"nftables\" array at the top");
            return new NftDump(null, [], notes);
        }

        foreach (var item in items.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            foreach (var p in item.EnumerateObject())
            {
                var o = p.Value;
                try
                {
                    ReadItem(p.Name, o);
                }
                catch (Exception e) when (IsShapeError(e))
                {
                    // JSON of another shape than libnftables writes (a string where an object belongs...):
                    // never a crash; the note travels with every trace.
                    notes.Add($"{p.Name} not understood ({e.Message}): {Clip(o.GetRawText())}");
                }
            }
        }

        void ReadItem(string kind, JsonElement o)
        {
                switch (kind)
                {
                    case "metainfo":
                        version = NftRenderer.Str(o, "version");
                        break;
                    case "table":
                        if (ParseFamily(NftRenderer.Str(o, "family")) is { } family && NftRenderer.Str(o, "name") is { } tableName)
                        {
                            if (!tables.Any(t => t.Family == family && t.Name == tableName))
                            {
                                tables.Add(new TableBuilder(family, tableName, NftRenderer.Long(o, "handle")));
                            }
                        }
                        else
                        {
                            notes.Add($"table not understood: {o.GetRawText()}");
                        }

                        break;
                    case "chain":
                        if (Find(o, "table") is { } ct && NftRenderer.Str(o, "name") is { } chainName)
                        {
                            ct.Chains.Add((chainName, BaseOf(o, notes), NftRenderer.Long(o, "handle")));
                        }

                        break;
                    case "rule":
                        if (Find(o, "table") is { } rt && NftRenderer.Str(o, "chain") is { } ruleChain)
                        {
                            if (!rt.Rules.TryGetValue(ruleChain, out var list))
                            {
                                rt.Rules[ruleChain] = list = [];
                            }

                            var expr = NftRenderer.Get(o, "expr") ?? default;
                            var comment = NftRenderer.Str(o, "comment");
                            try
                            {
                                var (statements, counters) = NftRuleCompiler.Compile(expr, rt.Family);
                                var text = NftRenderer.Rule(expr) + (comment is null ? "" : $" comment \"{comment}\"");
                                list.Add(new FirewallRule(ruleChain, list.Count + 1, NftRenderer.Long(o, "handle"), text, counters, comment, statements));
                            }
                            catch (Exception e) when (IsShapeError(e))
                            {
                                // Kept as a rule that cannot be evaluated: dropping it could turn its DROP into a false ok.
                                var raw = Clip(expr.ValueKind == JsonValueKind.Undefined ? o.GetRawText() : expr.GetRawText());
                                list.Add(new FirewallRule(ruleChain, list.Count + 1, null, raw, null, comment, [new UnsupportedMatch("?", $"the rule's expressions are not in libnftables' shape: {e.Message}", raw)]));
                            }
                        }

                        break;
                    case "set" or "map":
                        if (Find(o, "table") is { } st)
                        {
                            st.Sets.Add(ReadSet(o, kind == "map"));
                        }

                        break;
                    default:
                        // elements, flowtables, counters, quotas, ct helpers… do not decide a packet's fate here.
                        break;
                }
        }

        var built = tables.Select(t => new FirewallTable(
            "nft",
            FirewallBackend.NfTables,
            t.Family,
            t.Name,
            [.. t.Chains.Select(c => new FirewallChain(c.Name, c.Base, t.Rules.TryGetValue(c.Name, out var r) ? r : [], c.Handle))],
            t.Sets,
            t.Handle)).ToList();
        foreach (var t in tables)
        {
            foreach (var orphan in t.Rules.Keys.Where(k => !t.Chains.Any(c => c.Name == k)))
            {
                notes.Add($"rules of {FirewallTable.FamilyName(t.Family)} {t.Name}/{orphan} but no such chain");
            }
        }

        return new NftDump(version, built, notes);
    }

    /// <summary>What JsonElement throws when the JSON has another shape than expected (a string for an object, a huge number...).</summary>
    private static bool IsShapeError(Exception e) =>
        e is InvalidOperationException or FormatException or OverflowException or KeyNotFoundException or IndexOutOfRangeException or ArgumentException;

    private static string Clip(string text) => text.Length > 200 ? text[..200] + "…" : text;

    private static BaseChainInfo? BaseOf(JsonElement o, List<string> notes)
    {
        if (NftRenderer.Str(o, "hook") is not { } hookName)
        {
            return null;
        }

        ChainHook? hook = hookName switch
        {
            "ingress" => ChainHook.Ingress,
            "prerouting" => ChainHook.Prerouting,
            "input" => ChainHook.Input,
            "forward" => ChainHook.Forward,
            "output" => ChainHook.Output,
            "postrouting" => ChainHook.Postrouting,
            "egress" => ChainHook.Egress,
            _ => null,
        };
        if (hook is null)
        {
            notes.Add($"chain {NftRenderer.Str(o, "name")}: hook '{hookName}' not known");
            return null;
        }

        var type = NftRenderer.Str(o, "type") switch
        {
            "nat" => ChainType.Nat,
            "route" => ChainType.Route,
            _ => ChainType.Filter,
        };
        var policy = NftRenderer.Str(o, "policy") == "drop" ? ChainPolicy.Drop : ChainPolicy.Accept;
        IReadOnlyList<string>? devices = NftRenderer.Get(o, "dev") is { } dev
            ? dev.ValueKind == JsonValueKind.Array ? [.. dev.EnumerateArray().Select(NftRenderer.Expr)] : [NftRenderer.Expr(dev)]
            : null;
        return new BaseChainInfo(hook.Value, (int)(NftRenderer.Long(o, "prio") ?? 0), type, policy, null, devices);
    }

    private static NftSet ReadSet(JsonElement o, bool isMap)
    {
        var name = NftRenderer.Str(o, "name") ?? "?";
        var typeJson = NftRenderer.Get(o, "type");
        IReadOnlyList<string> keyType = typeJson switch
        {
            { ValueKind: JsonValueKind.String } s => [s.GetString()!],
            { ValueKind: JsonValueKind.Array } a => [.. a.EnumerateArray().Select(x => x.GetString() ?? "?")],
            _ => [],
        };
        var flags = NftRenderer.Get(o, "flags") is { } f
            ? f.ValueKind == JsonValueKind.Array ? [.. f.EnumerateArray().Select(x => x.GetString() ?? "")] : new[] { f.GetString() ?? "" }
            : [];
        var dataType = isMap ? NftRenderer.Str(o, "map") ?? "?" : null;
        var handle = NftRenderer.Long(o, "handle");
        var kinds = keyType.Count == 0 ? [NftValueKind.Auto] : keyType.Select(NftValues.KindOfSetType).ToList();
        if (kinds.Contains(NftValueKind.Unsupported))
        {
            return new NftSet(name, keyType, dataType, flags, [], handle, $"element type {string.Join(" . ", keyType)} is not modelled");
        }

        var elem = NftRenderer.Get(o, "elem");
        if (elem is not { ValueKind: JsonValueKind.Array } elements)
        {
            return new NftSet(name, keyType, dataType, flags, [], handle);
        }

        if (isMap)
        {
            if (dataType != "verdict")
            {
                return new NftSet(name, keyType, dataType, flags, [], handle, $"a map to {dataType} is not a verdict map");
            }

            var entries = NftRuleCompiler.Entries(elements, kinds, out var error);
            return entries is null
                ? new NftSet(name, keyType, dataType, flags, [], handle, error)
                : new NftSet(name, keyType, dataType, flags, entries, handle);
        }

        var values = new List<NftSetElement>();
        foreach (var e in elements.EnumerateArray())
        {
            if (NftValues.One(e, kinds, out var error) is not { } v)
            {
                return new NftSet(name, keyType, dataType, flags, [], handle, error);
            }

            values.Add(new NftSetElement(v));
        }

        return new NftSet(name, keyType, dataType, flags, values, handle);
    }

    private static TableFamily? ParseFamily(string? family) => family switch
    {
        "ip" => TableFamily.Ip,
        "ip6" => TableFamily.Ip6,
        "inet" => TableFamily.Inet,
        "arp" => TableFamily.Arp,
        "bridge" => TableFamily.Bridge,
        "netdev" => TableFamily.Netdev,
        _ => null,
    };
}
