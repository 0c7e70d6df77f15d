using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Reach.Firewall;

/// <summary>Addresses, prefixes, masks, ranges and numbers as the tools print them.</summary>
internal static class ValueParsing
{
    /// <summary><c>10.0.0.1</c>, <c>10.0.0.0/8</c>, <c>10.0.0.0/255.0.255.0</c>, <c>2001:db8::/32</c>.</summary>
    public static AddressValue? Address(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? text : text[..slash];
        if (!IPAddress.TryParse(addressText, out var address))
        {
            return null;
        }

        if (slash < 0)
        {
            return AddressValue.Host(address);
        }

        var maskText = text[(slash + 1)..];
        var bits = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        if (int.TryParse(maskText, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
        {
            return length <= bits ? AddressValue.Prefix(address, length) : null;
        }

        return IPAddress.TryParse(maskText, out var mask) && mask.AddressFamily == address.AddressFamily
            ? new AddressValue(address, mask)
            : null;
    }

    /// <summary><c>10.0.0.1-10.0.0.9</c>.</summary>
    public static AddressRangeValue? AddressRange(string text)
    {
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0 || !IPAddress.TryParse(text[..dash], out var first) || !IPAddress.TryParse(text[(dash + 1)..], out var last)
            || first.AddressFamily != last.AddressFamily)
        {
            return null;
        }

        return new AddressRangeValue(first, last);
    }

    /// <summary>
    /// A port or port range: <c>22</c>, <c>1000:1010</c>, <c>1000:</c> (to 65535), <c>:1023</c> (from 0)
    /// as iptables-extensions(8) tcp/multiport write them; <paramref name="separator"/> is '-' for ipset.
    /// </summary>
    public static NumberValue? PortRange(string text, char separator = ':')
    {
        var sep = text.IndexOf(separator, StringComparison.Ordinal);
        if (sep < 0)
        {
            return Port(text) is { } p ? new NumberValue(p) : null;
        }

        var low = sep == 0 ? 0 : Port(text[..sep]);
        var high = sep == text.Length - 1 ? 65535 : Port(text[(sep + 1)..]);
        return low is { } l && high is { } h && l <= h ? new NumberValue(l, h) : null;
    }

    public static ushort? Port(string text)
    {
        if (ushort.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            return port;
        }

        return ServiceNames.TryGetValue(text, out var known) ? known : null;
    }

    /// <summary>A decimal or 0x-prefixed hexadecimal number (marks are printed in hex).</summary>
    public static ulong? Number(string text)
    {
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return ulong.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex) ? hex : null;
        }

        return ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var dec) ? dec : null;
    }

    /// <summary><c>value[/mask]</c> as <c>-m mark --mark</c> and MARK <c>--set-xmark</c> print it.</summary>
    public static (uint Value, uint Mask)? ValueMask(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var value = Number(slash < 0 ? text : text[..slash]);
        var mask = slash < 0 ? uint.MaxValue : Number(text[(slash + 1)..]);
        return value is { } v && mask is { } m && v <= uint.MaxValue && m <= uint.MaxValue ? ((uint)v, (uint)m) : null;
    }

    // Service names iptables accepts for ports and that appear in hand-written rules (/etc/services).
    // iptables-save always prints numbers; nft -j prints numbers unless asked to resolve.
    private static readonly Dictionary<string, ushort> ServiceNames = new(StringComparer.Ordinal)
    {
        ["ftp-data"] = 20,
        ["ftp"] = 21,
        ["ssh"] = 22,
        ["telnet"] = 23,
        ["smtp"] = 25,
        ["domain"] = 53,
        ["bootps"] = 67,
        ["bootpc"] = 68,
        ["http"] = 80,
        ["pop3"] = 110,
        ["ntp"] = 123,
        ["imap2"] = 143,
        ["snmp"] = 161,
        ["ldap"] = 389,
        ["https"] = 443,
        ["submission"] = 587,
        ["ldaps"] = 636,
        ["imaps"] = 993,
        ["pop3s"] = 995,
        ["mysql"] = 3306,
        ["postgresql"] = 5432,
    };
}
