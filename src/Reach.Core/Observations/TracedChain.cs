namespace Reach.Core.Observations;

/// <summary>The chain a traced step happened in: what a finding names and what the fix addresses.</summary>
/// <param name="Source">The tool that holds it: iptables, ip6tables, iptables-legacy, ip6tables-legacy or nft.</param>
/// <param name="Family">The nft address family, as nft(8) writes it: ip, ip6, inet, arp, bridge, netdev.</param>
/// <param name="Ingress">The chain is on the ingress hook (bound to one device).</param>
public sealed record TracedChain(string Source, string Family, string Table, string Chain, bool Ingress)
{
    /// <summary><c>iptables filter/INPUT</c>, <c>nft inet filter/input</c>.</summary>
    public override string ToString() => Source == "nft" ? $"nft {Family} {Table}/{Chain}" : $"{Source} {Table}/{Chain}";
}
