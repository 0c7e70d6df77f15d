using System.Text.RegularExpressions;

namespace Reach.Firewall;

/// <summary>
/// The devices of netdev chains, read from `nft list chains` (text). nft 1.0.6's JSON output leaves
/// the device of an ingress chain out (it prints "hook": "ingress" and no "dev"), while the text form
/// says `type filter hook ingress device "eth1" priority …` or `devices = { eth0, eth1 }`.
/// </summary>
public static partial class NftChainDevices
{
    /// <summary>(family, table, chain) → devices.</summary>
    public static IReadOnlyDictionary<(string Family, string Table, string Chain), IReadOnlyList<string>> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new Dictionary<(string, string, string), IReadOnlyList<string>>();
        string? family = null, table = null, chain = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (TablePattern().Match(line) is { Success: true } t)
            {
                (family, table, chain) = (t.Groups[1].Value, t.Groups[2].Value, null);
            }
            else if (ChainPattern().Match(line) is { Success: true } c)
            {
                chain = c.Groups[1].Value;
            }
            else if (family is not null && table is not null && chain is not null)
            {
                var devices = DevicePattern().Match(line) is { Success: true } d ? [d.Groups[1].Value]
                    : DevicesPattern().Match(line) is { Success: true } ds ? ds.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(x => x.Trim('"')).ToList()
                    : null;
                if (devices is not null)
                {
                    result[(family, table, chain)] = devices;
                }
            }
        }

        return result;
    }

    /// <summary>The dump with the devices filled in where its JSON left them out.</summary>
    public static NftDump Apply(NftDump dump, IReadOnlyDictionary<(string Family, string Table, string Chain), IReadOnlyList<string>> devices)
    {
        ArgumentNullException.ThrowIfNull(dump);
        ArgumentNullException.ThrowIfNull(devices);
        return dump with
        {
            Tables = [.. dump.Tables.Select(t => t with
            {
                Chains = [.. t.Chains.Select(c => c.Base is { Devices: null } b && devices.TryGetValue((FirewallTable.FamilyName(t.Family), t.Name, c.Name), out var d)
                    ? c with { Base = b with { Devices = d } }
                    : c)],
            })],
        };
    }

    [GeneratedRegex(@"^table (\S+) (\S+) \{")]
    private static partial Regex TablePattern();

    [GeneratedRegex(@"^chain (\S+) \{")]
    private static partial Regex ChainPattern();

    [GeneratedRegex(@"\bdevice ""?([^""\s;]+)""?")]
    private static partial Regex DevicePattern();

    [GeneratedRegex(@"\bdevices = \{([^}]*)\}")]
    private static partial Regex DevicesPattern();
}
