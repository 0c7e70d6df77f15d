namespace Reach.Firewall;

/// <summary>How a MARK/CONNMARK target or an nft <c>meta mark set</c> changes a mark.</summary>
public enum MarkOperation
{
    /// <summary>mark = (mark AND NOT mask) XOR value: iptables-save prints every set as <c>--set-xmark value/mask</c>.</summary>
    SetXor,
    And,
    Or,
    /// <summary>Copy the other mark (CONNMARK <c>--save-mark</c> to the connection, <c>--restore-mark</c> to the packet).</summary>
    Copy,
    /// <summary>A change the engine cannot compute: later mark matches are inconclusive.</summary>
    Unknown,
}
