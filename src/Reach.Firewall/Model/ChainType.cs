namespace Reach.Firewall;

/// <summary>
/// The type of a base chain (nft(8), CHAINS). Nat chains see only the first packet of a connection;
/// route chains filter like filter chains.
/// </summary>
public enum ChainType
{
    Filter,
    Nat,
    Route,
}
