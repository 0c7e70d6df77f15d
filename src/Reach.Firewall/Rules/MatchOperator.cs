namespace Reach.Firewall;

/// <summary>How a field is compared with a match's values.</summary>
public enum MatchOperator
{
    /// <summary>The field equals (or lies in) one of the values.</summary>
    Equal,
    /// <summary>The field is none of the values.</summary>
    NotEqual,
    /// <summary>The field shares a bit with the values (nft's implicit <c>in</c> on bitmask types, iptables state lists).</summary>
    AnyBit,
    Less,
    Greater,
    LessOrEqual,
    GreaterOrEqual,
}
