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
    public async Task<(NetNamespace? Found, NamespaceSearch Outcome, string? Why)> OwnerOfAsync(IPAddress address, CancellationToken cancellationToken)
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
            return r.Succeeded && IpJsonParser.ParseAddresses(r.Stdout).Any(i => i.Addresses.Any(a => a.Address.Equals(address))) ? ns : null;
        })).ConfigureAwait(false);
        var found = holders.OfType<NetNamespace>().ToList();
        return found.Count switch
        {
            1 => (found[0], NamespaceSearch.Found, null),
            0 => (null, NamespaceSearch.NoneHasIt, $"no network namespace on this host has {address} (the container or pod is gone, or the address is on another host)"),
            _ => (null, NamespaceSearch.SeveralHaveIt, $"{found.Count} network namespaces on this host have {address}: {string.Join("; ", found.Select(f => f.Description))}"),
        };
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
