using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using Reach.Core.Text;

namespace Reach.Engine.Remote;

/// <summary>
/// An `ssh://[USER@]HOST[:PORT]` argument. The host is handed to ssh(1), so it is checked here: a name,
/// an IPv4 address or a bracketed IPv6 address, never something ssh would read as an option.
/// </summary>
public sealed record SshDestination(string Via, string? User, string Host, int? Port) : IRemoteDestination
{
    public static bool TryParse(string text, [NotNullWhen(true)] out SshDestination? destination, [NotNullWhen(false)] out Message? error)
    {
        destination = null;
        if (!text.StartsWith("ssh://", StringComparison.Ordinal))
        {
            error = Message.Of("error.ssh.not-ssh", ("value", text));
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
                error = Message.Of("error.ssh.user", ("value", text));
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
                error = Message.Of("error.ssh.bracket", ("value", text));
                return false;
            }

            var after = rest[(close + 1)..];
            if (after.Length > 0)
            {
                if (after[0] != ':')
                {
                    error = Message.Of("error.ssh.after-bracket", ("value", text));
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
                error = Message.Of("error.ssh.host", ("value", text));
                return false;
            }
        }

        int? port = null;
        if (portText is not null)
        {
            if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p is < 1 or > 65535)
            {
                error = Message.Of("error.ssh.port", ("value", text), ("port", portText));
                return false;
            }

            port = p;
        }

        destination = new SshDestination(text, user, host, port);
        error = null;
        return true;
    }
}
