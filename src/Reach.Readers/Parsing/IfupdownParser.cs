using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Reach.Core.Observations;

namespace Reach.Readers.Parsing;

/// <summary>
/// ifupdown's /etc/network/interfaces (interfaces(5)): <c>iface IF inet|inet6 METHOD</c> stanzas whose option
/// lines follow (<c>address 10.1.1.7/24</c>, or <c>address</c> with <c>netmask</c>; <c>gateway</c>), <c>auto</c>
/// and <c>allow-*</c> lines, <c>source</c> and <c>source-directory</c>. A line ending in '\' continues on the
/// next; '#' starts a comment only at the start of a line. Only what a fix uses is kept.
/// </summary>
public static class IfupdownParser
{
    public static IfupdownFile Parse(string? text, string path)
    {
        var stanzas = new List<InterfaceConfig>();
        var auto = new HashSet<string>(StringComparer.Ordinal);
        var includes = new List<string>();
        Stanza? current = null;
        foreach (var line in Lines(text ?? string.Empty))
        {
            var words = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            switch (words[0])
            {
                case "iface" when words.Length >= 4:
                    Close(current, stanzas, path);
                    current = words[2] is "inet" or "inet6" ? new Stanza(words[1], words[2] == "inet6" ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork, words[3]) : null;
                    break;
                case "auto" or "allow-auto" or "allow-hotplug":
                    Close(current, stanzas, path);
                    current = null;
                    auto.UnionWith(words.Skip(1));
                    break;
                case "source" when words.Length >= 2:
                    Close(current, stanzas, path);
                    current = null;
                    includes.AddRange(words.Skip(1));
                    break;
                case "source-directory" when words.Length >= 2:
                    Close(current, stanzas, path);
                    current = null;
                    includes.AddRange(words.Skip(1).Select(d => d.TrimEnd('/') + "/"));
                    break;
                case "mapping" or "rename" or "no-auto-down" or "no-scripts":
                    Close(current, stanzas, path);
                    current = null;
                    break;
                case "address" when current is not null && words.Length >= 2:
                    current.Address = words[1];
                    break;
                case "netmask" when current is not null && words.Length >= 2:
                    current.Netmask = words[1];
                    break;
                case "gateway" when current is not null && words.Length >= 2 && IPAddress.TryParse(words[1], out var gw):
                    current.Gateway = gw;
                    break;
            }
        }

        Close(current, stanzas, path);
        return new IfupdownFile(stanzas, auto, includes);
    }

    private static IEnumerable<string> Lines(string text)
    {
        var pending = string.Empty;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (pending.Length == 0 && line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }

            var whole = (pending + line).Trim();
            pending = string.Empty;
            if (whole.Length > 0)
            {
                yield return whole;
            }
        }
    }

    private static void Close(Stanza? s, List<InterfaceConfig> into, string path)
    {
        if (s is not null)
        {
            into.Add(new InterfaceConfig(s.Interface, s.Family, s.Method, s.Prefixed(), s.Gateway is { } g && g.AddressFamily == s.Family ? g : null, false, "ifupdown", path));
        }
    }

    private sealed class Stanza(string name, AddressFamily family, string method)
    {
        public string Interface => name;

        public AddressFamily Family => family;

        public string Method => method;

        public string? Address { get; set; }

        public string? Netmask { get; set; }

        public IPAddress? Gateway { get; set; }

        /// <summary>The address with its prefix: from "a/len", or "a" with a netmask (dotted or a length); null when no prefix is written.</summary>
        public InterfaceAddress? Prefixed()
        {
            if (Address is null)
            {
                return null;
            }

            var slash = Address.IndexOf('/', StringComparison.Ordinal);
            var text = slash < 0 ? Address : Address[..slash];
            if (!IPAddress.TryParse(text, out var address) || address.AddressFamily != family)
            {
                return null;
            }

            var length = slash >= 0 ? Address[(slash + 1)..] : Netmask;
            int? prefix = length is null ? null
                : int.TryParse(length, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
                : IPAddress.TryParse(length, out var mask) && mask.AddressFamily == AddressFamily.InterNetwork ? MaskLength(mask)
                : null;
            var max = family == AddressFamily.InterNetworkV6 ? 128 : 32;
            return prefix is { } p && p >= 0 && p <= max ? new InterfaceAddress(address, p, "global") : null;
        }

        /// <summary>The length of a dotted netmask; null for a mask whose ones are not contiguous.</summary>
        private static int? MaskLength(IPAddress mask)
        {
            var bits = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(mask.GetAddressBytes());
            var ones = System.Numerics.BitOperations.PopCount(bits);
            var contiguous = ones == 0 ? 0u : uint.MaxValue << (32 - ones);
            return bits == contiguous ? ones : null;
        }
    }
}
