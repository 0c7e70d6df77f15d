using System.Net;

namespace Reach.Readers.Parsing;

/// <summary>
/// The upstream nameservers of local DNS forwarders, from their own configuration: dnsmasq's
/// `server=` (dnsmasq(8), on the command line as --server= or in its conf files), unbound's
/// `forward-addr:` (unbound.conf(5)) and named's `forwarders { ...; };` (named.conf(5)).
/// Domain-specific servers (dnsmasq's server=/example.net/10.0.0.1) are upstreams too: for that domain.
/// </summary>
public static class ForwarderConfigParser
{
    /// <summary>dnsmasq: "--server=ADDR[#port]" arguments or "server=..." lines; "/domain/ADDR" forms keep ADDR.</summary>
    public static IReadOnlyList<IPAddress> Dnsmasq(IEnumerable<string> argumentsOrLines)
    {
        var servers = new List<IPAddress>();
        foreach (var raw in argumentsOrLines)
        {
            var line = raw.Trim();
            var value = line.StartsWith("--server=", StringComparison.Ordinal) ? line[9..]
                : line.StartsWith("server=", StringComparison.Ordinal) ? line[7..]
                : null;
            if (value is null)
            {
                continue;
            }

            var slash = value.LastIndexOf('/');
            var address = (slash >= 0 ? value[(slash + 1)..] : value).Split('#', '@')[0];
            if (IPAddress.TryParse(address, out var a))
            {
                servers.Add(a);
            }
        }

        return servers.Distinct().ToList();
    }

    /// <summary>dnsmasq's --conf-file= / --resolv-file= arguments (and conf-file= lines), null when absent.</summary>
    public static string? Option(IEnumerable<string> argumentsOrLines, string name)
    {
        foreach (var raw in argumentsOrLines)
        {
            var line = raw.Trim();
            foreach (var prefix in (string[])[$"--{name}=", $"{name}="])
            {
                if (line.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return line[prefix.Length..];
                }
            }
        }

        return null;
    }

    /// <summary>unbound: every "forward-addr: ADDR[@port][#name]" line.</summary>
    public static IReadOnlyList<IPAddress> Unbound(string? text) =>
        (text ?? string.Empty).Split('\n')
            .Select(l => l.Split('#')[0].Trim())
            .Where(l => l.StartsWith("forward-addr:", StringComparison.Ordinal))
            .Select(l => l[13..].Trim().Split('@')[0])
            .Select(a => IPAddress.TryParse(a, out var ip) ? ip : null)
            .OfType<IPAddress>()
            .Distinct()
            .ToList();

    /// <summary>named: the addresses inside "forwarders { ...; };".</summary>
    public static IReadOnlyList<IPAddress> Named(string? text)
    {
        var t = text ?? string.Empty;
        var at = t.IndexOf("forwarders", StringComparison.Ordinal);
        if (at < 0)
        {
            return [];
        }

        var open = t.IndexOf('{', at);
        var close = open < 0 ? -1 : t.IndexOf('}', open);
        if (close < 0)
        {
            return [];
        }

        return t[(open + 1)..close].Split(';')
            .Select(a => a.Trim().Split(' ')[0])
            .Select(a => IPAddress.TryParse(a, out var ip) ? ip : null)
            .OfType<IPAddress>()
            .ToList();
    }
}
