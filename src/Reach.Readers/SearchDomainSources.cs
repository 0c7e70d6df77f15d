using System.Text.RegularExpressions;
using Reach.Core.Observations;
using Reach.Readers.Parsing;
using Reach.Readers.Sources;

namespace Reach.Readers;

/// <summary>
/// The DNS domains this host's own configuration knows, each with where it was found: its hostname
/// (when it is an FQDN), the `domain` line of resolv.conf, DHCP leases (dhclient, systemd-networkd),
/// NetworkManager connections and the FQDNs of /etc/hosts. A short name that fails may belong in one
/// of them: each is a candidate the observer verifies with a query before naming it.
/// </summary>
public sealed partial class SearchDomainSources(ISystemSource source)
{
    public IReadOnlyList<(string Domain, string From)> Read(ResolverConfig resolver, IReadOnlyList<HostsEntry> hosts)
    {
        var found = new List<(string, string)>();
        foreach (var file in (string[])["/proc/sys/kernel/hostname", "/etc/hostname"])
        {
            if (DomainOf(source.ReadFile(file)?.Trim()) is { } d)
            {
                found.Add((d, $"this host's name ({file})"));
            }
        }

        if (resolver.Domain is { } domain)
        {
            found.Add((domain, $"the domain line of {resolver.Source}"));
        }

        // dhclient(8) leases: option domain-name "x"; option domain-search "a", "b";
        foreach (var dir in (string[])["/var/lib/dhcp", "/var/lib/dhclient"])
        {
            foreach (var f in source.ListDirectory(dir).Where(f => f.EndsWith(".leases", StringComparison.Ordinal)))
            {
                var text = source.ReadFile($"{dir}/{f}") ?? string.Empty;
                found.AddRange(DhclientDomain().Matches(text).SelectMany(m => Quoted().Matches(m.Groups[1].Value)).Select(q => (q.Groups[1].Value, $"DHCP lease {dir}/{f}")));
            }
        }

        // systemd-networkd leases: DOMAINNAME= and DOMAIN_SEARCH_LIST= (key=value lines).
        foreach (var f in source.ListDirectory("/run/systemd/netif/leases"))
        {
            foreach (var line in (source.ReadFile($"/run/systemd/netif/leases/{f}") ?? string.Empty).Split('\n'))
            {
                if (line.StartsWith("DOMAINNAME=", StringComparison.Ordinal) || line.StartsWith("DOMAIN_SEARCH_LIST=", StringComparison.Ordinal))
                {
                    found.AddRange(line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
                        .Select(d => (d, $"systemd-networkd lease /run/systemd/netif/leases/{f}")));
                }
            }
        }

        // NetworkManager keyfiles (nm-settings-keyfile(5)): dns-search=a;b; in [ipv4]/[ipv6].
        const string nm = "/etc/NetworkManager/system-connections";
        foreach (var f in source.ListDirectory(nm))
        {
            foreach (var line in (source.ReadFile($"{nm}/{f}") ?? string.Empty).Split('\n').Where(l => l.StartsWith("dns-search=", StringComparison.Ordinal)))
            {
                found.AddRange(line[11..].Split(';', StringSplitOptions.RemoveEmptyEntries).Select(d => (d, $"NetworkManager connection {nm}/{f}")));
            }
        }

        found.AddRange(hosts.SelectMany(h => h.Names).Select(DomainOf).OfType<string>().Select(d => (d, "a name in /etc/hosts")));
        return found.Select(f => (f.Item1.Trim().TrimEnd('.').ToLowerInvariant(), f.Item2))
            .Where(f => f.Item1.Length > 0 && f.Item1 != "localdomain")
            .DistinctBy(f => f.Item1)
            .ToList();
    }

    /// <summary>"web1.example.net" → "example.net"; null for a single label.</summary>
    public static string? DomainOf(string? fqdn)
    {
        var name = (fqdn ?? string.Empty).TrimEnd('.');
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && dot < name.Length - 1 ? name[(dot + 1)..] : null;
    }

    [GeneratedRegex(@"option domain-(?:name|search) ([^;]+);")]
    private static partial Regex DhclientDomain();

    [GeneratedRegex(@"""([^""]+)""")]
    private static partial Regex Quoted();
}
