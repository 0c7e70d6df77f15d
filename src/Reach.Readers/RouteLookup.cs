using System.Net;
using Reach.Core.Observations;

namespace Reach.Readers;

/// <summary>
/// The most specific route of the main table for an address (longest prefix match, RFC 1812 §5.2.4.3),
/// for a recorded host whose kernel cannot be asked. Policy rules are not followed: what the kernel asks
/// first is table local (the host's own addresses, handled before this) and then main, unless `ip rule`
/// says otherwise.
/// </summary>
public static class RouteLookup
{
    /// <summary>The device of the best unicast route to <paramref name="address"/>, or null when none leads there.</summary>
    public static string? Device(IReadOnlyList<RouteEntry> routes, IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(address);
        string? best = null;
        var bestLength = -1;
        foreach (var r in routes.Where(r => r.Table is null or "main"))
        {
            if (r.Destination.Contains(' ', StringComparison.Ordinal))
            {
                continue; // "unreachable 10.0.0.0/8": a refusal, not a way out
            }

            int length;
            if (r.IsDefault)
            {
                length = 0;
                if (r.Gateway is { } gw && gw.AddressFamily != address.AddressFamily)
                {
                    continue;
                }
            }
            else if (!Covers(r.Destination, address, out length))
            {
                continue;
            }

            if (length > bestLength && r.Device is not null)
            {
                (best, bestLength) = (r.Device, length);
            }
        }

        return best;
    }

    private static bool Covers(string prefix, IPAddress address, out int length)
    {
        var slash = prefix.IndexOf('/', StringComparison.Ordinal);
        var text = slash < 0 ? prefix : prefix[..slash];
        length = -1;
        if (!IPAddress.TryParse(text, out var network) || network.AddressFamily != address.AddressFamily)
        {
            return false;
        }

        var bits = network.GetAddressBytes().Length * 8;
        length = slash < 0 ? bits : int.TryParse(prefix[(slash + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var l) && l <= bits ? l : -1;
        if (length < 0)
        {
            return false;
        }

        var a = address.GetAddressBytes();
        var n = network.GetAddressBytes();
        for (var i = 0; i < length; i++)
        {
            var mask = 0x80 >> (i % 8);
            if ((a[i / 8] & mask) != (n[i / 8] & mask))
            {
                return false;
            }
        }

        return true;
    }
}
