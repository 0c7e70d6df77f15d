using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Reach.Serve.Config;

/// <summary>
/// One entry of a module's allowed_targets: a network (CIDR, or one address) and the ports allowed on
/// it. Written `10.1.0.0/16` (every port), `10.1.2.5:80`, `10.1.2.0/24:80,443,8000-8100`, and for IPv6
/// `[2001:db8::/32]:443` (brackets, as in a URL, because the address has colons itself).
/// </summary>
public sealed record AllowedTarget(IPNetwork Network, IReadOnlyList<PortRange> Ports)
{
    public bool Contains(IPAddress address, int port) =>
        Network.Contains(address) && Ports.Any(p => p.Contains(port));

    /// <summary>Parses one entry; null and the reason when it is not one.</summary>
    public static AllowedTarget? Parse(string text, out string? error)
    {
        var t = text.Trim();
        string network;
        string? ports = null;
        if (t.StartsWith('['))
        {
            var close = t.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                error = $"'{text}': '[' without ']'";
                return null;
            }

            network = t[1..close];
            var after = t[(close + 1)..];
            if (after.Length > 0)
            {
                if (after[0] != ':')
                {
                    error = $"'{text}': expected ':PORTS' after ']'";
                    return null;
                }

                ports = after[1..];
            }
        }
        else
        {
            // IPv4 (with a port after the last colon) or a bare IPv6 network (colons are its own: no port).
            var colon = t.LastIndexOf(':');
            if (colon >= 0 && t.IndexOf(':', StringComparison.Ordinal) == colon)
            {
                network = t[..colon];
                ports = t[(colon + 1)..];
            }
            else
            {
                network = t;
            }
        }

        if (!TryNetwork(network, out var net))
        {
            error = $"'{text}': '{network}' is not an address or a CIDR network (10.1.0.0/16, 2001:db8::/32)";
            return null;
        }

        var ranges = new List<PortRange>();
        if (ports is null)
        {
            ranges.Add(PortRange.All);
        }
        else
        {
            foreach (var part in ports.Split(','))
            {
                if (ParseRange(part.Trim()) is not { } range)
                {
                    error = $"'{text}': '{part.Trim()}' is not a port or a range of ports (80, 8000-8100; 1 to 65535)";
                    return null;
                }

                ranges.Add(range);
            }
        }

        error = null;
        return new AllowedTarget(net, ranges);
    }

    public override string ToString()
    {
        var net = Network.BaseAddress.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{Network}]" : Network.ToString();
        return Ports is [{ First: 1, Last: 65535 }] ? Network.ToString() : $"{net}:{string.Join(',', Ports)}";
    }

    private static bool TryNetwork(string text, out IPNetwork network)
    {
        if (text.Contains('/', StringComparison.Ordinal))
        {
            // Host bits set below the prefix (10.1.2.5/16) are a likely typo: refused, not silently widened.
            return IPNetwork.TryParse(text, out network)
                && IPAddress.TryParse(text[..text.IndexOf('/', StringComparison.Ordinal)], out var given)
                && given.Equals(network.BaseAddress);
        }

        if (IPAddress.TryParse(text, out var address) && address.ToString().Length > 0 && !text.Contains('%', StringComparison.Ordinal))
        {
            network = new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }

        network = default;
        return false;
    }

    private static PortRange? ParseRange(string text)
    {
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        var first = dash >= 0 ? text[..dash] : text;
        var last = dash >= 0 ? text[(dash + 1)..] : text;
        return int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var a)
            && int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var b)
            && a is >= 1 and <= 65535 && b is >= 1 and <= 65535 && a <= b
            ? new PortRange(a, b)
            : null;
    }
}
