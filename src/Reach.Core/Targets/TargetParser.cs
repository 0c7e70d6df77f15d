using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Reach.Core.Text;

namespace Reach.Core.Targets;

/// <summary>
/// Parses the TARGET forms of the contract: <c>host</c>, <c>host:port</c>, <c>ip:port</c>, <c>[v6]:port</c>
/// and URLs (<c>http://web1/</c> means port 80). Host names follow RFC 1123 (labels of at most 63
/// characters, names of at most 253); underscores are accepted because real zones contain them. A name
/// typed in Unicode becomes its IDNA A-labels; addresses that name no single host (multicast,
/// broadcast, unspecified) are refused. Errors quote the input clipped (<see cref="InputEcho"/>).
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
            return TargetParseResult.Invalid(Message.Of("error.target.port-range", ("port", p.ToString(CultureInfo.InvariantCulture))));
        }

        var text = (input ?? string.Empty).Trim();
        if (text.Length == 0)
        {
            return TargetParseResult.Invalid(Message.Of("error.target.empty"));
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
                return TargetParseResult.Invalid(Message.Of("error.target.bracket-open", ("input", Q(input))));
            }

            host = text[1..close];
            var after = text[(close + 1)..];
            if (after.Length > 0)
            {
                if (!after.StartsWith(':'))
                {
                    return TargetParseResult.Invalid(Message.Of("error.target.after-bracket", ("input", Q(input)), ("after", Q(after))));
                }

                portText = after[1..];
            }

            if (!IPAddress.TryParse(host, out var v6) || v6.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return TargetParseResult.Invalid(Message.Of("error.target.bracket-not-v6", ("input", Q(input)), ("host", Q(host))));
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
                return TargetParseResult.Invalid(Message.Of("error.target.too-many-colons", ("input", Q(input))));
            }
        }

        if (host.Length == 0)
        {
            return TargetParseResult.Invalid(Message.Of("error.target.no-host", ("input", Q(input))));
        }

        int? port = defaultPort;
        if (portText is not null)
        {
            if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed < 1 || parsed > 65535)
            {
                return TargetParseResult.Invalid(Message.Of("error.target.bad-port", ("input", Q(input)), ("port", Q(portText))));
            }

            port = parsed;
        }

        if (portOption is { } option)
        {
            if (portText is not null && port != option)
            {
                return TargetParseResult.Invalid(Message.Of("error.target.two-ports", ("input", Q(input)), ("port", port?.ToString(CultureInfo.InvariantCulture) ?? string.Empty), ("option", option.ToString(CultureInfo.InvariantCulture))));
            }

            port = option;
        }

        if (port is null)
        {
            // An IPv6 literal takes brackets before a port or in a URL (RFC 3986 §3.2.2): [::1]:PORT, not ::1:PORT.
            var h = Q(host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host);
            return TargetParseResult.Invalid(scheme is null
                ? Message.Of("error.target.no-port", ("input", Q(input)), ("host", h))
                : Message.Of("error.target.scheme-no-port", ("input", Q(input)), ("scheme", Q(scheme)), ("host", h)));
        }

        // Fullwidth digits are digits: map first, then decide whether the host is a literal address.
        var ascii = host;
        string? unicode = null;
        if (!IdnaName.IsAscii(host))
        {
            (var converted, var idnaError) = IdnaName.ToAscii(host);
            if (converted is null)
            {
                return TargetParseResult.Invalid(Message.Of("error.input", ("input", Q(input))).With("reason", idnaError));
            }

            (ascii, unicode) = (converted, host);
        }

        if (IPAddress.TryParse(ascii, out var address) && LooksLikeAddress(ascii))
        {
            // [::ffff:10.1.2.5] travels as IPv4 on the wire: probe it as such, so ICMPv4 errors are read.
            var literal = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
            return NonUnicastAddress.Refusal(literal) is { } refusal
                ? TargetParseResult.Invalid(ThisHostHint(literal) is { } loopback
                    ? Message.Of("error.target.not-unicast.this-host", ("input", Q(input)), ("loopback", loopback)).With("reason", refusal)
                    : Message.Of("error.target.not-unicast", ("input", Q(input))).With("reason", refusal))
                : TargetParseResult.Ok(new Target(input, ascii, port.Value, literal));
        }

        var nameError = ValidateHostName(ascii);
        return nameError is null
            ? TargetParseResult.Ok(new Target(input, ascii, port.Value, null) { UnicodeHost = unicode })
            : TargetParseResult.Invalid(Message.Of("error.input", ("input", Q(input))).With("reason", nameError));
    }

    /// <summary>
    /// A literal address as an option takes it (<c>--from</c>): a dotted quad or IPv6, never inet_aton's
    /// shorthand ("10" would be 0.0.0.10); an IPv4-mapped IPv6 address is returned as IPv4.
    /// </summary>
    public static IPAddress? ParseAddress(string? text)
    {
        var t = (text ?? string.Empty).Trim();
        return LooksLikeAddress(t) && IPAddress.TryParse(t, out var a) ? (a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a) : null;
    }

    private static string Q(string text) => InputEcho.Clip(text);

    // Whoever types 0.0.0.0 usually means "this host" (Linux connects such a socket to loopback): say which address that is.
    private static string? ThisHostHint(IPAddress refused) =>
        refused.Equals(IPAddress.Any) ? "127.0.0.1" : refused.Equals(IPAddress.IPv6Any) ? "::1" : null;

    // IPAddress.TryParse accepts "1" or "1.2" (inet_aton forms); only dotted quads and IPv6 count as addresses here.
    private static bool LooksLikeAddress(string host) =>
        host.Contains(':', StringComparison.Ordinal) || host.Count(c => c == '.') == 3 && host.All(c => char.IsAsciiDigit(c) || c == '.');

    private static Message? ValidateHostName(string host)
    {
        var name = host.EndsWith('.') ? host[..^1] : host;
        if (name.Length == 0)
        {
            return Message.Of("error.name.empty");
        }

        foreach (var label in name.Split('.'))
        {
            if (label.Length == 0)
            {
                return Message.Of("error.name.empty-label");
            }

            if (label.Length > 63)
            {
                return Message.Of("error.name.long-label", ("label", Q(label[..12])), ("length", label.Length.ToString(CultureInfo.InvariantCulture)));
            }

            if (label.StartsWith('-') || label.EndsWith('-'))
            {
                return Message.Of("error.name.hyphen", ("label", Q(label)));
            }

            var bad = label.FirstOrDefault(c => !(char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_'));
            if (bad != default)
            {
                return Message.Of("error.name.character", ("character", Q(bad.ToString())));
            }
        }

        return name.Length > 253 ? Message.Of("error.name.long", ("length", name.Length.ToString(CultureInfo.InvariantCulture))) : null;
    }
}
