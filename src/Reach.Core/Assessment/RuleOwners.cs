using Reach.Core.Observations;

namespace Reach.Core.Assessment;

/// <summary>Recognises <see cref="RuleOwner"/>.</summary>
internal static class RuleOwners
{
    public static RuleOwner Of(TracedChain c)
    {
        var chain = c.Chain;
        var table = c.Table;
        if (c.Source == "nft")
        {
            return table switch
            {
                "firewalld" => RuleOwner.Firewalld,
                "kube-proxy" => RuleOwner.KubeProxy,
                "fw4" => RuleOwner.OpenWrt,
                "f2b-table" => RuleOwner.Fail2ban,
                _ when table.StartsWith("docker", StringComparison.OrdinalIgnoreCase) => RuleOwner.Docker,
                _ => RuleOwner.Unknown,
            };
        }

        return chain.StartsWith("DOCKER", StringComparison.Ordinal) ? RuleOwner.Docker
            : chain.StartsWith("KUBE-", StringComparison.Ordinal) ? RuleOwner.KubeProxy
            : chain.StartsWith("ufw", StringComparison.Ordinal) ? RuleOwner.Ufw
            : chain.StartsWith("f2b-", StringComparison.Ordinal) ? RuleOwner.Fail2ban
            : chain.StartsWith("IN_", StringComparison.Ordinal) || chain.StartsWith("FWDI_", StringComparison.Ordinal) || chain.EndsWith("_direct", StringComparison.Ordinal) ? RuleOwner.Firewalld
            : RuleOwner.Unknown;
    }
}
