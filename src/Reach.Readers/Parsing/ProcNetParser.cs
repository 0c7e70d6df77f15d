using System.Globalization;
using System.Net;
using Reach.Core.Observations;

namespace Reach.Readers.Parsing;

/// <summary>
/// Parses /proc/net/tcp, tcp6, udp and udp6 (proc(5)): the fallback when ss's sock_diag would load a
/// module. It cannot tell the owner (that needs /proc/PID/fd) nor IPV6_V6ONLY, which stay unknown.
/// </summary>
public static class ProcNetParser
{
    private const string Listen = "0A";

    public static IReadOnlyList<Listener> Parse(string? text, string protocol)
    {
        var listeners = new List<Listener>();
        foreach (var line in (text ?? string.Empty).Split('\n').Skip(1))
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 10 || !TryEndpoint(f[1], out var address, out var port))
            {
                continue;
            }

            // TCP: listening sockets only. UDP: bound sockets with no peer (rem_address all zeroes).
            var keep = protocol == "tcp" ? f[3] == Listen : f[2].Trim('0', ':').Length == 0;
            if (!keep)
            {
                continue;
            }

            var queues = f[4].Split(':');
            var rx = queues.Length == 2 && int.TryParse(queues[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var q) ? q : 0;
            listeners.Add(new Listener(protocol, address, port, null, null, null, rx, 0));
        }

        return listeners;
    }

    /// <summary>"0100007F:0050": the address as 32-bit words in host (little-endian) order, the port big-endian hex.</summary>
    internal static bool TryEndpoint(string text, out IPAddress address, out int port)
    {
        address = IPAddress.None;
        port = 0;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || !int.TryParse(text[(colon + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out port))
        {
            return false;
        }

        var hex = text[..colon];
        if (hex.Length is not (8 or 32))
        {
            return false;
        }

        var bytes = Convert.FromHexString(hex);
        for (var word = 0; word < bytes.Length; word += 4)
        {
            Array.Reverse(bytes, word, 4);
        }

        address = new IPAddress(bytes);
        return true;
    }
}
