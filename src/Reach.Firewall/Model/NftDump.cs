namespace Reach.Firewall;

/// <summary>What <c>nft -j list ruleset</c> held: its tables (with their sets) and notes on what was skipped.</summary>
public sealed record NftDump(string? Version, IReadOnlyList<FirewallTable> Tables, IReadOnlyList<string> Notes);
