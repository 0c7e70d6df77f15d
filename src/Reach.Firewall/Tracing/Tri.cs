namespace Reach.Firewall;

/// <summary>Three-valued logic: a match holds, fails, or cannot be decided for this packet.</summary>
internal enum Tri
{
    False,
    True,
    Unknown,
}
