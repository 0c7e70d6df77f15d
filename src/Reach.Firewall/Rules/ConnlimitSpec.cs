namespace Reach.Firewall;

/// <summary>The options of one <c>-m connlimit</c> match.</summary>
/// <param name="Limit">--connlimit-above N or --connlimit-upto N.</param>
/// <param name="Mask">--connlimit-mask: connections are counted per this prefix of the address (32/128 by default).</param>
/// <param name="Destination">--connlimit-daddr: counted per destination instead of per source.</param>
public sealed record ConnlimitSpec(int Limit, int? Mask, bool Destination);
