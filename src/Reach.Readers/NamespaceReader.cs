using System.Net;
using System.Text.Json;
using Reach.Core.Observations;
using Reach.Readers.Parsing;
using Reach.Readers.Sources;

namespace Reach.Readers;

/// <summary>
/// Finds which other network namespace on this host (a container's, a pod's, an `ip netns`) owns an
/// address, and reads the listeners there. Read-only: each namespace is entered by a short-lived child
/// (`nsenter --net=… ip -j addr`, `nsenter --net=… ss -H -lntupe`) that only lists; this process never
/// changes namespace.
/// </summary>
public sealed class NamespaceReader(ISystemSource source)
{
    /// <summary>One other network namespace: how to enter it and what it is.</summary>
    public sealed record NetNamespace(string Path, string Description);

    /// <summary>The namespace that owns <paramref name="address"/>, or null with how the search ended and the reason in words (for evidence).</summary>
    public Task<(NetNamespace? Found, NamespaceSearch Outcome, string? Why)> OwnerOfAsync(IPAddress address, CancellationToken cancellationToken) =>
        OwnerOfAsync(address, null, cancellationToken);

    /// <summary>
    /// The namespace that owns <paramref name="address"/> and that the packet really reaches: when several
    /// hold the address (two containers on two bridges, another lab's, a stopped copy), the one whose
    /// interface is the veth peer of <paramref name="egress"/> (the route decision's device) or of one of
    /// its bridge ports. The address alone does not say where a packet goes; the egress device does.
    /// </summary>
    public async Task<(NetNamespace? Found, NamespaceSearch Outcome, string? Why)> OwnerOfAsync(IPAddress address, string? egress, CancellationToken cancellationToken)
    {
        var own = (await source.RunAsync("readlink", ["/proc/self/ns/net"], cancellationToken).ConfigureAwait(false)).Stdout.Trim();
        var candidates = await ListAsync(own, cancellationToken).ConfigureAwait(false);
        if (candidates.Count == 0)
        {
            return (null, NamespaceSearch.NoneListed, "no other network namespace could be listed (lsns, ip netns)");
        }

        var holders = await Task.WhenAll(candidates.Select(async ns =>
        {
            var r = await source.RunAsync("nsenter", [$"--net={ns.Path}", "ip", "-j", "addr", "show"], cancellationToken).ConfigureAwait(false);
            var link = r.Succeeded ? LinkPeerParser.Parse(r.Stdout).FirstOrDefault(i => i.Addresses.Contains(address)) : null;
            return (Namespace: ns, Link: link);
        })).ConfigureAwait(false);
        var found = holders.Where(h => h.Link is not null).ToList();
        if (found.Count > 1 && egress is not null && await BehindAsync(egress, found, cancellationToken).ConfigureAwait(false) is { } reached)
        {
            return (reached.Namespace with { Description = $"{reached.Namespace.Description}, behind {reached.Via} ({found.Count} namespaces hold {address})" }, NamespaceSearch.Found, null);
        }

        return found.Count switch
        {
            1 => (found[0].Namespace, NamespaceSearch.Found, null),
            0 => (null, NamespaceSearch.NoneHasIt, $"no network namespace on this host has {address} (the container or pod is gone, or the address is on another host)"),
            _ => (null, NamespaceSearch.SeveralHaveIt, $"{found.Count} network namespaces on this host have {address}{(egress is null ? string.Empty : $", and none or several sit behind {egress}")}: {string.Join("; ", found.Select(f => f.Namespace.Description))}"),
        };
    }

    /// <summary>
    /// Of the namespaces holding the address, the one the egress device leads to: the device itself (a
    /// veth straight to it) or a port of it (a bridge, /sys/class/net/BR/brif) is a veth whose peer is
    /// that namespace's interface. The host-side end names its peer by index (link_index) and its
    /// namespace by this namespace's id for it (link_netnsid, `ip netns list-id` names it); indexes alone
    /// repeat across namespaces built alike, so the namespace must match too where it has a name.
    /// </summary>
    private async Task<(NetNamespace Namespace, string Via)?> BehindAsync(string egress, IReadOnlyList<(NetNamespace Namespace, LinkPeerParser.Link? Link)> holders, CancellationToken cancellationToken)
    {
        var ids = await source.RunAsync("ip", ["-j", "netns", "list-id"], cancellationToken).ConfigureAwait(false);
        var names = new Dictionary<int, string>();
        if (ids.Succeeded && ids.Stdout.TrimStart().StartsWith('['))
        {
            using var doc = JsonDocument.Parse(ids.Stdout);
            foreach (var e in doc.RootElement.EnumerateArray())
            {
                if (e.TryGetProperty("nsid", out var n) && n.TryGetInt32(out var nsid) && e.TryGetProperty("name", out var name) && name.GetString() is { } text)
                {
                    names[nsid] = text;
                }
            }
        }

        var matches = new List<(NetNamespace Namespace, string Via)>();
        foreach (var device in new[] { egress }.Concat(source.ListDirectory($"/sys/class/net/{egress}/brif")).Distinct(StringComparer.Ordinal))
        {
            var r = await source.RunAsync("ip", ["-j", "link", "show", "dev", device], cancellationToken).ConfigureAwait(false);
            if (!r.Succeeded || LinkPeerParser.Parse(r.Stdout).FirstOrDefault() is not { PeerIndex: { } peer, PeerNetnsId: { } nsid })
            {
                continue;
            }

            var named = names.TryGetValue(nsid, out var peerName) ? $"/run/netns/{peerName}" : null;
            foreach (var h in holders.Where(h => h.Link?.Index == peer))
            {
                if (named is null || await SameNamespaceAsync(h.Namespace.Path, named, cancellationToken).ConfigureAwait(false))
                {
                    matches.Add((h.Namespace, device == egress ? egress : $"{egress} port {device}"));
                }
            }
        }

        return matches.Count == 1 ? matches[0] : null;
    }

    private async Task<bool> SameNamespaceAsync(string a, string b, CancellationToken cancellationToken)
    {
        if (a == b)
        {
            return true;
        }

        var r = await source.RunAsync("stat", ["-L", "-c", "%i", a, b], cancellationToken).ConfigureAwait(false);
        var inodes = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return r.Succeeded && inodes.Length == 2 && inodes[0] == inodes[1];
    }

    /// <summary>The sockets listening in that namespace (`ss -H -lntupe` run inside it).</summary>
    public async Task<IReadOnlyList<Listener>?> ListenersAsync(NetNamespace ns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ns);
        var r = await source.RunAsync("nsenter", [$"--net={ns.Path}", "ss", "-H", "-l", "-n", "-t", "-u", "-p", "-e"], cancellationToken).ConfigureAwait(false);
        return r.Succeeded ? SsParser.Parse(r.Stdout) : null;
    }

    /// <summary>
    /// Every other network namespace once: those with processes (lsns: one pid each, so
    /// /proc/PID/ns/net enters it) and the named ones of `ip netns` (/run/netns/NAME), which may have none.
    /// </summary>
    private async Task<List<NetNamespace>> ListAsync(string own, CancellationToken cancellationToken)
    {
        var lsns = source.RunAsync("lsns", ["-t", "net", "-J", "-o", "NS,PID,NSFS,COMMAND"], cancellationToken);
        var list = new List<NetNamespace>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var r = await lsns.ConfigureAwait(false);
        if (r.Succeeded && r.Stdout.TrimStart().StartsWith('{'))
        {
            using var doc = JsonDocument.Parse(r.Stdout);
            foreach (var e in doc.RootElement.GetProperty("namespaces").EnumerateArray())
            {
                var inode = e.TryGetProperty("ns", out var n) ? n.ToString() : string.Empty;
                if (own.Contains(inode, StringComparison.Ordinal) && inode.Length > 0)
                {
                    continue;
                }

                seen.Add(inode);
                var nsfs = e.TryGetProperty("nsfs", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
                var pid = e.TryGetProperty("pid", out var p) ? p.ToString() : null;
                var command = e.TryGetProperty("command", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                var name = command?.Split(' ')[0];
                list.Add(nsfs is not null
                    ? new NetNamespace(nsfs, $"network namespace {nsfs} (pid {pid}, {name})")
                    : new NetNamespace($"/proc/{pid}/ns/net", $"network namespace of pid {pid} ({name})"));
            }
        }

        foreach (var name in source.ListDirectory("/run/netns"))
        {
            var path = $"/run/netns/{name}";
            if (list.All(l => l.Path != path))
            {
                var id = (await source.RunAsync("stat", ["-L", "-c", "%i", path], cancellationToken).ConfigureAwait(false)).Stdout.Trim();
                if (id.Length > 0 && !seen.Contains(id) && !own.Contains(id, StringComparison.Ordinal))
                {
                    list.Add(new NetNamespace(path, $"network namespace {path}"));
                }
            }
        }

        return list;
    }
}
