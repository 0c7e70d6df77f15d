using System.Globalization;
using System.Net;
using Reach.Core.Observations;

namespace Reach.Readers.Parsing;

/// <summary>Parses resolv.conf(5): nameserver, search, domain and the ndots option; the last search/domain line wins.</summary>
public static class ResolvConfParser
{
    public static ResolverConfig Parse(string? text, string source)
    {
        var nameservers = new List<IPAddress>();
        IReadOnlyList<string> search = [];
        string? domain = null;
        var ndots = 1;
        foreach (var raw in (text ?? string.Empty).Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            var parts = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            switch (parts[0])
            {
                case "nameserver" when parts.Length > 1:
                    // "fe80::1%eth0" carries a scope id; IPAddress parses it.
                    if (IPAddress.TryParse(parts[1], out var ns))
                    {
                        nameservers.Add(ns);
                    }

                    break;
                case "search":
                    search = parts.Skip(1).Select(s => s.TrimEnd('.')).ToList();
                    domain = null;
                    break;
                case "domain" when parts.Length > 1:
                    domain = parts[1].TrimEnd('.');
                    search = [];
                    break;
                case "options":
                    foreach (var option in parts.Skip(1))
                    {
                        if (option.StartsWith("ndots:", StringComparison.Ordinal)
                            && int.TryParse(option[6..], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                        {
                            ndots = Math.Min(n, 15);
                        }
                    }

                    break;
            }
        }

        // resolv.conf(5): at most MAXNS (3) nameservers are used.
        return new ResolverConfig(nameservers.Take(3).ToList(), search, domain, ndots, source);
    }
}
