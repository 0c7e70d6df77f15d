namespace Reach.Firewall;

/// <summary>The netfilter hook a base chain is attached to (nft(8), CHAINS).</summary>
public enum ChainHook
{
    Ingress,
    Prerouting,
    Input,
    Forward,
    Output,
    Postrouting,
    Egress,
}
