using System.Net;
using System.Text.Json;
using Reach.Core.Observations;

namespace Reach.Readers.Parsing;

/// <summary>
/// Parses iproute2's JSON output (<c>ip -j</c>). iproute2 omits keys that do not apply (no "table"
/// for the main table, no "gateway" for an on-link route), so every key is optional here.
/// </summary>
public static class IpJsonParser
{
    /// <summary>An interface from <c>ip -j -s addr show</c>, before the /sys facts are added.</summary>
    public sealed record AddrEntry(string Name, int Index, IReadOnlyList<string> Flags, int Mtu, string OperState,
        IReadOnlyList<InterfaceAddress> Addresses, InterfaceCounters Counters);

    public static IReadOnlyList<AddrEntry> ParseAddresses(string json)
    {
        using var doc = Parse(json);
        var list = new List<AddrEntry>();
        foreach (var e in doc.RootElement.EnumerateArray())
        {
            var addresses = new List<InterfaceAddress>();
            if (e.TryGetProperty("addr_info", out var info))
            {
                foreach (var a in info.EnumerateArray())
                {
                    if (Str(a, "local") is { } local && IPAddress.TryParse(local, out var address))
                    {
                        addresses.Add(new InterfaceAddress(address, Int(a, "prefixlen") ?? 0, Str(a, "scope") ?? "global"));
                    }
                }
            }

            var counters = InterfaceCounters.Zero;
            if (e.TryGetProperty("stats64", out var stats))
            {
                counters = new InterfaceCounters(
                    Long(stats, "rx", "errors"), Long(stats, "tx", "errors"), Long(stats, "rx", "dropped"), Long(stats, "tx", "dropped"));
            }

            list.Add(new AddrEntry(Str(e, "ifname") ?? "?", Int(e, "ifindex") ?? 0, Strings(e, "flags"), Int(e, "mtu") ?? 0,
                Str(e, "operstate") ?? "UNKNOWN", addresses, counters));
        }

        return list;
    }

    /// <summary><c>ip -j route get ADDR</c>: stdout on success, the kernel's complaint on stderr otherwise.</summary>
    public static RouteDecision ParseRouteGet(IPAddress destination, int exitCode, string stdout, string stderr)
    {
        if (exitCode != 0 || string.IsNullOrWhiteSpace(stdout))
        {
            var error = stderr.Trim();
            error = error.StartsWith("RTNETLINK answers: ", StringComparison.Ordinal) ? error["RTNETLINK answers: ".Length..] : error;
            return new RouteDecision(destination, null, null, null, null, [], error.Length == 0 ? "no route" : error, stderr.Trim());
        }

        using var doc = Parse(stdout);
        if (doc.RootElement.ValueKind != JsonValueKind.Array || doc.RootElement.GetArrayLength() == 0)
        {
            return new RouteDecision(destination, null, null, null, null, [], "no route in ip's answer", stdout.Trim());
        }

        var e = doc.RootElement[0];
        var type = Str(e, "type");
        var gateway = Addr(e, "gateway");
        var dev = Str(e, "dev");
        var source = Addr(e, "prefsrc");
        var table = type == "local" ? "local" : Str(e, "table") ?? "main";
        var flags = Strings(e, "flags");

        // Shown as `ip route get` prints it without -j: the form an operator recognises.
        var text = $"{(type is null ? string.Empty : type + " ")}{Str(e, "dst") ?? destination.ToString()}"
            + (gateway is null ? string.Empty : $" via {gateway}") + (dev is null ? string.Empty : $" dev {dev}")
            + (table is "main" or "local" ? string.Empty : $" table {table}") + (source is null ? string.Empty : $" src {source}")
            + (flags.Count == 0 ? string.Empty : " " + string.Join(' ', flags));
        return new RouteDecision(destination, gateway, dev, source, table, flags,
            type is "unreachable" or "prohibit" or "blackhole" ? $"route type {type}" : null, text);
    }

    public static IReadOnlyList<RouteEntry> ParseRoutes(string json)
    {
        using var doc = Parse(json);
        return doc.RootElement.EnumerateArray()
            .Where(e => Str(e, "type") is null or "unicast" or "unreachable" or "prohibit" or "blackhole")
            .Select(e => new RouteEntry(
                (Str(e, "type") is { } t && t != "unicast" ? t + " " : string.Empty) + (Str(e, "dst") ?? "?"),
                Addr(e, "gateway") ?? (IPAddress.TryParse(FirstHop(e, "gateway"), out var via) ? via : null),
                Str(e, "dev") ?? FirstHop(e, "dev"),
                Str(e, "table") ?? "main",
                Strings(e, "flags")))
            .ToList();
    }

    public static IReadOnlyList<Neighbour> ParseNeighbours(string json)
    {
        using var doc = Parse(json);
        return doc.RootElement.EnumerateArray()
            .Where(e => Addr(e, "dst") is not null)
            .Select(e => new Neighbour(Addr(e, "dst")!, Str(e, "dev") ?? "?", Str(e, "lladdr"), Strings(e, "state")))
            .ToList();
    }

    /// <summary>
    /// `ip -j -s ntable show`: the table-wide row of arp_cache and ndisc_cache (the one without "dev"; the per-device
    /// rows carry only parameters). Tables of other kinds (a kernel with DECnet's) are left out.
    /// </summary>
    public static IReadOnlyList<NeighbourTable> ParseNeighbourTables(string json)
    {
        using var doc = Parse(json);
        return doc.RootElement.EnumerateArray()
            .Where(e => !e.TryGetProperty("dev", out _) && Str(e, "name") is "arp_cache" or "ndisc_cache" && Long(e, "entries") is not null && Long(e, "table_fulls") is not null)
            .Select(e => new NeighbourTable(Str(e, "name") == "ndisc_cache", Long(e, "entries")!.Value, Long(e, "thresh1"), Long(e, "thresh2"), Long(e, "thresh3"), Long(e, "table_fulls")!.Value))
            .ToList();
    }

    /// <summary>A multipath route (ECMP) carries "nexthops" instead of one gateway: the first stands for them here.</summary>
    private static string? FirstHop(JsonElement e, string key) =>
        e.TryGetProperty("nexthops", out var hops) && hops.ValueKind == JsonValueKind.Array && hops.GetArrayLength() > 0 ? Str(hops[0], key) : null;

    private static JsonDocument Parse(string json) => JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "[]" : json);

    private static string? Str(JsonElement e, string key) =>
        e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int? Int(JsonElement e, string key) =>
        e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;

    private static long Long(JsonElement e, string outer, string key) =>
        e.TryGetProperty(outer, out var o) && o.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : 0;

    private static long? Long(JsonElement e, string key) =>
        e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : null;

    private static IPAddress? Addr(JsonElement e, string key) => Str(e, key) is { } s && IPAddress.TryParse(s, out var a) ? a : null;

    private static List<string> Strings(JsonElement e, string key) =>
        e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList()
            : [];
}
