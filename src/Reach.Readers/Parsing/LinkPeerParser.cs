using System.Net;
using System.Text.Json;

namespace Reach.Readers.Parsing;

/// <summary>
/// From `ip -j addr show`: each interface's index, its peer's index in another namespace (a veth's
/// <c>link_index</c> with <c>link_netnsid</c>) and its addresses: what ties a container's eth0 to the
/// host-side veth on a bridge.
/// </summary>
public static class LinkPeerParser
{
    /// <summary>One interface: <paramref name="PeerIndex"/> is the ifindex of its veth peer in the namespace <paramref name="PeerNetnsId"/> names (null when it has none there).</summary>
    public sealed record Link(string Name, int Index, int? PeerIndex, int? PeerNetnsId, IReadOnlyList<IPAddress> Addresses);

    public static IReadOnlyList<Link> Parse(string json)
    {
        var result = new List<Link>();
        if (string.IsNullOrWhiteSpace(json))
        {
            return result;
        }

        using var doc = JsonDocument.Parse(json);
        if (doc.RootElement.ValueKind != JsonValueKind.Array)
        {
            return result;
        }

        foreach (var e in doc.RootElement.EnumerateArray())
        {
            var addresses = new List<IPAddress>();
            if (e.TryGetProperty("addr_info", out var info) && info.ValueKind == JsonValueKind.Array)
            {
                foreach (var a in info.EnumerateArray())
                {
                    if (a.TryGetProperty("local", out var local) && IPAddress.TryParse(local.GetString(), out var address))
                    {
                        addresses.Add(address);
                    }
                }
            }

            result.Add(new Link(
                e.TryGetProperty("ifname", out var n) ? n.GetString() ?? string.Empty : string.Empty,
                e.TryGetProperty("ifindex", out var i) && i.TryGetInt32(out var index) ? index : 0,
                e.TryGetProperty("link_index", out var l) && l.TryGetInt32(out var peer) ? peer : null,
                e.TryGetProperty("link_netnsid", out var ns) && ns.TryGetInt32(out var nsid) ? nsid : null,
                addresses));
        }

        return result;
    }
}
