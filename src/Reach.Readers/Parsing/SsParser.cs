using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Reach.Core.Observations;

namespace Reach.Readers.Parsing;

/// <summary>
/// Parses `ss -H -l -n -t -u -p -e` (iproute2): one socket a line, "Netid State Recv-Q Send-Q Local Peer
/// [users:((…))] [ino:… v6only:1 …]". ss is used rather than /proc/net/tcp6 because it reads the socket's
/// IPV6_V6ONLY flag through sock_diag, which /proc does not show.
/// </summary>
public static partial class SsParser
{
    public static IReadOnlyList<Listener> Parse(string text)
    {
        var listeners = new List<Listener>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 6 || fields[0] is not ("tcp" or "udp"))
            {
                continue;
            }

            if (!TryEndpoint(fields[4], out var address, out var port, out var iface, out var dualStack))
            {
                continue;
            }

            bool? v6only = null;
            var flag = V6OnlyPattern().Match(line);
            if (flag.Success)
            {
                v6only = flag.Groups[1].Value == "1";
            }
            else if (dualStack)
            {
                v6only = false;
            }

            var user = UserPattern().Match(line);
            var process = user.Success ? $"{user.Groups[2].Value}/{user.Groups[1].Value}" : null;
            listeners.Add(new Listener(fields[0], address, port, v6only, iface, process, Int(fields[2]), Int(fields[3])));
        }

        return listeners;
    }

    /// <summary>"0.0.0.0:53", "[::]:80", "*:81", "127.0.0.53%lo:53", "[::ffff:10.1.2.5]:80".</summary>
    internal static bool TryEndpoint(string text, out IPAddress address, out int port, out string? iface, out bool dualStack)
    {
        address = IPAddress.None;
        port = 0;
        iface = null;
        dualStack = false;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out port))
        {
            return false;
        }

        var host = text[..colon];
        var percent = host.IndexOf('%', StringComparison.Ordinal);
        if (percent >= 0)
        {
            iface = host[(percent + 1)..].TrimEnd(']');
            host = host[..percent] + (host.StartsWith('[') ? "]" : string.Empty);
        }

        if (host == "*")
        {
            // ss prints a dual-stack IPv6 wildcard as "*".
            address = IPAddress.IPv6Any;
            dualStack = true;
            return true;
        }

        return IPAddress.TryParse(host.Trim('[', ']'), out address!);
    }

    private static int Int(string s) => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0;

    [GeneratedRegex(@"v6only:(\d)")]
    private static partial Regex V6OnlyPattern();

    [GeneratedRegex(@"users:\(\(""([^""]+)"",pid=(\d+)")]
    private static partial Regex UserPattern();
}
