using System.Globalization;
using System.Net;
using Reach.Core.Observations;

namespace Reach.Readers.Parsing;

/// <summary>Parses resolv.conf(5): nameserver, search, domain and the ndots, timeout, attempts and rotate options; the last search/domain line wins.</summary>
public static class ResolvConfParser
{
    public static ResolverConfig Parse(string? text, string source)
    {
        var nameservers = new List<IPAddress>();
        IReadOnlyList<string> search = [];
        string? domain = null;
        var ndots = 1;
        var timeout = 5;
        var attempts = 2;
        var rotate = false;
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
                        // resolv.conf(5) caps: ndots 15, timeout 30, attempts 5.
                        if (Value(option, "ndots:") is { } n)
                        {
                            ndots = Math.Min(n, 15);
                        }
                        else if (Value(option, "timeout:") is { } t)
                        {
                            timeout = Math.Clamp(t, 1, 30);
                        }
                        else if (Value(option, "attempts:") is { } a)
                        {
                            attempts = Math.Clamp(a, 1, 5);
                        }
                        else if (option == "rotate")
                        {
                            rotate = true;
                        }
                    }

                    break;
            }
        }

        // resolv.conf(5): at most MAXNS (3) nameservers are used.
        return new ResolverConfig(nameservers.Take(3).ToList(), search, domain, ndots, source, null, timeout, attempts, rotate);
    }

    private static int? Value(string option, string prefix) =>
        option.StartsWith(prefix, StringComparison.Ordinal) && int.TryParse(option[prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : null;
}
