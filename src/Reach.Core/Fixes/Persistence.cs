using Reach.Core.Observations;
using Reach.Core.Text;

namespace Reach.Core.Fixes;

/// <summary>
/// How a firewall change outlives a reboot on this host: the command its installed tool saves rules with
/// (the action's <c>persist</c>), and the same said in the fix's sentence. One place, so that the sentence
/// and the action never disagree; where nothing saves rules, the sentence says so and how to get one,
/// instead of naming a file nothing reads at boot.
/// </summary>
internal static class Persistence
{
    /// <summary>The command that saves the ruleset the rule lives in; null when this host has nothing that saves it.</summary>
    public static string? Command(string source, HostFacts host) => source switch
    {
        "iptables" or "ip6tables" when host.Has(HostTool.NetfilterPersistent) => "netfilter-persistent save",
        "iptables" when host.Has(HostTool.IptablesServices) => "service iptables save",
        "ip6tables" when host.Has(HostTool.IptablesServices) => "service ip6tables save",
        "nft" when host.NftablesConfig is { } conf => $"nft -s list ruleset > {conf}",
        _ => null,
    };

    /// <summary>
    /// The sentence's "then …" for a rule read from <paramref name="source"/> (iptables, ip6tables, their -legacy
    /// variants, nft). Without facts about the host (a recorded run), both usual places are named with their commands.
    /// </summary>
    public static Message Sentence(string source, HostFacts? host)
    {
        var nft = source == "nft";
        var tool = source.Replace("-legacy", string.Empty, StringComparison.Ordinal);
        var v6 = tool == "ip6tables";
        if (host is null || (host.OsId.Length == 0 && host.Tools.Count == 0) || (!nft && tool != source))
        {
            // Unknown host, or a legacy backend whose saving depends on which iptables the alternatives point at.
            return nft
                ? Message.Of("firewall.persist.unknown.nft")
                : Message.Of("firewall.persist.unknown.iptables", ("tool", tool), ("file", v6 ? "rules.v6" : "rules.v4"));
        }

        if (Command(source, host) is { } command)
        {
            return nft && host.NftablesConfig is { } file
                ? Message.Of("firewall.persist.nft-file", ("file", file), ("command", command))
                : Message.Of("firewall.persist.command", ("command", command));
        }

        return nft
            ? Message.Of("firewall.persist.none.nft", ("file", host.IsRedHatFamily ? "/etc/sysconfig/nftables.conf" : "/etc/nftables.conf"))
            : Message.Of("firewall.persist.none.iptables", ("tool", tool));
    }
}
