using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Reach.Core.Targets;

/// <summary>
/// Parses the TARGET forms of the contract: <c>host</c>, <c>host:port</c>, <c>ip:port</c>, <c>[v6]:port</c>
/// and URLs (<c>http://web1/</c> means port 80). Host names follow RFC 1123 (labels of at most 63
/// characters, names of at most 253); underscores are accepted because real zones contain them.
/// </summary>
public static class TargetParser
{
    // The well-known ports of the schemes an operator pastes; any other scheme needs an explicit port.
    private static readonly Dictionary<string, int> SchemePorts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["http"] = 80, ["https"] = 443, ["ws"] = 80, ["wss"] = 443, ["ftp"] = 21, ["ssh"] = 22,
        ["smtp"] = 25, ["imap"] = 143, ["imaps"] = 993, ["pop3"] = 110, ["ldap"] = 389, ["ldaps"] = 636,
        ["redis"] = 6379, ["postgres"] = 5432, ["postgresql"] = 5432, ["mysql"] = 3306, ["mongodb"] = 27017,
        ["amqp"] = 5672, ["telnet"] = 23, ["dns"] = 53,
    };

    public static TargetParseResult Parse(string? input, int? portOption = null)
    {
        if (portOption is { } p && (p < 1 || p > 65535))
        {
            return TargetParseResult.Invalid($"--port {p} is out of range: a TCP port is 1 to 65535");
        }

        var text = (input ?? string.Empty).Trim();
        if (text.Length == 0)
        {
            return TargetParseResult.Invalid("the target is empty: give host:port, ip:port, [v6]:port or a URL");
        }

        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        return schemeEnd >= 0 ? ParseUrl(input!, text, schemeEnd, portOption) : ParseHostPort(input!, text, null, portOption);
    }

    private static TargetParseResult ParseUrl(string input, string text, int schemeEnd, int? portOption)
    {
        var scheme = text[..schemeEnd];
        var rest = text[(schemeEnd + 3)..];
        var authorityEnd = rest.IndexOfAny(['/', '?', '#']);
        var authority = authorityEnd >= 0 ? rest[..authorityEnd] : rest;
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            authority = authority[(at + 1)..];
        }

        int? schemePort = SchemePorts.TryGetValue(scheme, out var known) ? known : null;
        return ParseHostPort(input, authority, schemePort, portOption, scheme);
    }

    private static TargetParseResult ParseHostPort(string input, string text, int? defaultPort, int? portOption, string? scheme = null)
    {
        string host;
        string? portText = null;

        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return TargetParseResult.Invalid($"'{input}': '[' opens an IPv6 address but no ']' closes it");
            }

            host = text[1..close];
            var after = text[(close + 1)..];
            if (after.Length > 0)
            {
                if (!after.StartsWith(':'))
                {
                    return TargetParseResult.Invalid($"'{input}': expected ':port' after ']', found '{after}'");
                }

                portText = after[1..];
            }

            if (!IPAddress.TryParse(host, out var v6) || v6.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return TargetParseResult.Invalid($"'{input}': '{host}' between brackets is not an IPv6 address");
            }
        }
        else
        {
            var colons = text.Count(c => c == ':');
            if (colons == 0)
            {
                host = text;
            }
            else if (colons == 1)
            {
                var colon = text.IndexOf(':', StringComparison.Ordinal);
                host = text[..colon];
                portText = text[(colon + 1)..];
            }
            else if (IPAddress.TryParse(text, out var bare) && bare.AddressFamily == AddressFamily.InterNetworkV6)
            {
                // A bare IPv6 address: its colons are not a port separator (use [v6]:port for one).
                host = text;
            }
            else
            {
                return TargetParseResult.Invalid($"'{input}': too many ':' — use host:port, or [v6]:port for an IPv6 address");
            }
        }

        if (host.Length == 0)
        {
            return TargetParseResult.Invalid($"'{input}': the host is missing before ':'");
        }

        int? port = defaultPort;
        if (portText is not null)
        {
            if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed < 1 || parsed > 65535)
            {
                return TargetParseResult.Invalid($"'{input}': '{portText}' is not a TCP port (1 to 65535)");
            }

            port = parsed;
        }

        if (portOption is { } option)
        {
            if (portText is not null && port != option)
            {
                return TargetParseResult.Invalid($"'{input}' names port {port} but --port says {option}: give one");
            }

            port = option;
        }

        if (port is null)
        {
            return TargetParseResult.Invalid(scheme is null
                ? $"'{input}': no port — use {host}:PORT, --port PORT, or a URL such as http://{host}/"
                : $"'{input}': the scheme '{scheme}' has no well-known port here — add one, e.g. {scheme}://{host}:PORT/");
        }

        if (IPAddress.TryParse(host, out var address) && LooksLikeAddress(host))
        {
            // [::ffff:10.1.2.5] travels as IPv4 on the wire: probe it as such, so ICMPv4 errors are read.
            return TargetParseResult.Ok(new Target(input, host, port.Value, address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address));
        }

        var nameError = ValidateHostName(host);
        return nameError is null
            ? TargetParseResult.Ok(new Target(input, host, port.Value, null))
            : TargetParseResult.Invalid($"'{input}': {nameError}");
    }

    // IPAddress.TryParse accepts "1" or "1.2" (inet_aton forms); only dotted quads and IPv6 count as addresses here.
    private static bool LooksLikeAddress(string host) =>
        host.Contains(':', StringComparison.Ordinal) || host.Count(c => c == '.') == 3 && host.All(c => char.IsAsciiDigit(c) || c == '.');

    private static string? ValidateHostName(string host)
    {
        var name = host.EndsWith('.') ? host[..^1] : host;
        if (name.Length == 0)
        {
            return "the host name is empty";
        }

        foreach (var label in name.Split('.'))
        {
            if (label.Length == 0)
            {
                return "the host name has an empty label (two dots in a row)";
            }

            if (label.Length > 63)
            {
                return $"the label '{label[..12]}…' is {label.Length} characters long; a DNS label has at most 63";
            }

            if (label.StartsWith('-') || label.EndsWith('-'))
            {
                return $"the label '{label}' starts or ends with '-'";
            }

            var bad = label.FirstOrDefault(c => !(char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_'));
            if (bad != default)
            {
                return $"'{bad}' is not allowed in a host name";
            }
        }

        return name.Length > 253 ? $"the host name is {name.Length} characters long; a DNS name has at most 253" : null;
    }
}
