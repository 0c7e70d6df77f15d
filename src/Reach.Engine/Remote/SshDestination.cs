using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;

namespace Reach.Engine.Remote;

/// <summary>
/// An `ssh://[USER@]HOST[:PORT]` argument. The host is handed to ssh(1), so it is checked here: a name,
/// an IPv4 address or a bracketed IPv6 address, never something ssh would read as an option.
/// </summary>
public sealed record SshDestination(string Via, string? User, string Host, int? Port)
{
    public static bool TryParse(string text, [NotNullWhen(true)] out SshDestination? destination, [NotNullWhen(false)] out string? error)
    {
        destination = null;
        if (!text.StartsWith("ssh://", StringComparison.Ordinal))
        {
            error = $"'{text}' is not an ssh:// address (ssh://[USER@]HOST[:PORT])";
            return false;
        }

        var rest = text[6..].TrimEnd('/');
        string? user = null;
        var at = rest.LastIndexOf('@');
        if (at >= 0)
        {
            user = rest[..at];
            rest = rest[(at + 1)..];
            if (user.Length == 0 || !user.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.') || user[0] == '-')
            {
                error = $"'{text}': the user name may hold letters, digits, '.', '_' and '-' only";
                return false;
            }
        }

        string host;
        string? portText = null;
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']', StringComparison.Ordinal);
            host = close > 0 ? rest[1..close] : string.Empty;
            if (close < 0 || !IPAddress.TryParse(host, out var v6) || v6.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
            {
                error = $"'{text}': the address in brackets is not an IPv6 address";
                return false;
            }

            var after = rest[(close + 1)..];
            if (after.Length > 0)
            {
                if (after[0] != ':')
                {
                    error = $"'{text}': unexpected text after the IPv6 address";
                    return false;
                }

                portText = after[1..];
            }
        }
        else
        {
            var colon = rest.LastIndexOf(':');
            host = colon >= 0 ? rest[..colon] : rest;
            portText = colon >= 0 ? rest[(colon + 1)..] : null;
            if (host.Length == 0 || host[0] is '-' or '.' || !host.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
            {
                error = $"'{text}': the host may hold letters, digits, '.', '-' and '_' only (or be an [IPv6] address)";
                return false;
            }
        }

        int? port = null;
        if (portText is not null)
        {
            if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p is < 1 or > 65535)
            {
                error = $"'{text}': '{portText}' is not a port (1 to 65535)";
                return false;
            }

            port = p;
        }

        destination = new SshDestination(text, user, host, port);
        error = null;
        return true;
    }
}
