namespace Reach.Firewall;

/// <summary>One element of an nft set, or one key/verdict pair of a verdict map.</summary>
public sealed record NftSetElement(FieldValue Key, VerdictAction? Verdict = null);
