namespace Reach.Firewall;

/// <summary>
/// Reads <c>ipset save</c> (ipset(8)): <c>create NAME TYPE [family inet|inet6] …</c> and
/// <c>add NAME ELEMENT [timeout N] [nomatch] …</c>. Elements are read by the dimensions of the type
/// (ip, net, port, mark); a set with a dimension the engine does not compare (mac, iface, list:set)
/// is kept with <see cref="IpSet.Unreadable"/> set. Never throws on content.
/// </summary>
public static class IpsetSaveParser
{
    private sealed class SetBuilder(string name, string type, IpFamily family, string options)
    {
        public string Name { get; } = name;

        public string Type { get; } = type;

        public IpFamily Family { get; } = family;

        public string Options { get; } = options;

        public List<IpSetEntry> Entries { get; } = [];

        public string? Unreadable { get; set; }
    }

    public static IpsetDump Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var notes = new List<string>();
        var sets = new List<SetBuilder>();
        var lines = text.Split('\n');
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n].Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var words = IptablesToken.Split(line).Select(t => t.Value).ToList();
            switch (words[0])
            {
                case "create" or "-N" when words.Count >= 3:
                    var familyAt = words.IndexOf("family");
                    var family = familyAt > 0 && familyAt + 1 < words.Count && words[familyAt + 1] == "inet6" ? IpFamily.IPv6 : IpFamily.IPv4;
                    var set = new SetBuilder(words[1], words[2], family, string.Join(' ', words.Skip(3)));
                    if (Dimensions(set.Type).FirstOrDefault(d => d is not ("ip" or "net" or "port" or "mark")) is { } odd)
                    {
                        set.Unreadable = $"type {set.Type}: the '{odd}' dimension is not modelled";
                    }

                    sets.Add(set);
                    break;
                case "add" or "-A" when words.Count >= 3:
                    var target = sets.FirstOrDefault(s => s.Name == words[1]);
                    if (target is null)
                    {
                        notes.Add($"line {n + 1}: set {words[1]} was not created");
                        break;
                    }

                    if (target.Unreadable is not null)
                    {
                        break;
                    }

                    var entry = Entry(words[2], target.Type, words.Skip(3).Contains("nomatch"));
                    if (entry is null)
                    {
                        target.Unreadable = $"line {n + 1}: cannot read the element '{words[2]}'";
                    }
                    else
                    {
                        target.Entries.Add(entry);
                    }

                    break;
                default:
                    notes.Add($"line {n + 1}: not understood: {line}");
                    break;
            }
        }

        return new IpsetDump([.. sets.Select(s => new IpSet(s.Name, s.Type, s.Family, s.Options, s.Entries, s.Unreadable))], notes);
    }

    private static string[] Dimensions(string type)
    {
        var colon = type.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? [type] : type[(colon + 1)..].Split(',');
    }

    private static IpSetEntry? Entry(string element, string type, bool noMatch)
    {
        var dims = Dimensions(type);
        var parts = element.Split(',');
        if (parts.Length != dims.Length)
        {
            return null;
        }

        var values = new List<FieldValue>();
        for (var i = 0; i < dims.Length; i++)
        {
            FieldValue? v = dims[i] switch
            {
                "ip" or "net" => parts[i].Contains('-', StringComparison.Ordinal) && !parts[i].Contains(':', StringComparison.Ordinal)
                    ? ValueParsing.AddressRange(parts[i])
                    : ValueParsing.Address(parts[i]),
                "port" => Port(parts[i], type.StartsWith("bitmap", StringComparison.Ordinal)),
                "mark" => ValueParsing.Number(parts[i]) is { } m ? new NumberValue(m) : null,
                _ => null,
            };
            if (v is null)
            {
                return null;
            }

            values.Add(v);
        }

        return new IpSetEntry(element, values, noMatch);
    }

    /// <summary><c>[proto:]port[-port]</c>; hash types default to tcp, bitmap:port has no protocol.</summary>
    private static FieldValue? Port(string text, bool bitmap)
    {
        var protocol = IpProtocol.Tcp;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            var name = text[..colon];
            if (name is "icmp" or "icmpv6" || !IpProtocol.TryParse(name, out protocol))
            {
                return null; // icmp:type/code elements are not compared
            }

            text = text[(colon + 1)..];
        }

        var range = ValueParsing.PortRange(text, '-');
        if (range is null)
        {
            return null;
        }

        return bitmap ? range : new ProtocolPortValue(protocol, (ushort)range.Low, (ushort)range.High);
    }
}
