namespace Reach.Firewall;

/// <summary>What reading a packet field gave.</summary>
internal enum ReadingKind
{
    /// <summary>The packet has no such field (a port of an ICMP packet): the match fails.</summary>
    Absent,
    /// <summary>The field exists but its value is not known: the match is inconclusive.</summary>
    Unknown,
    Address,
    Number,
    Name,
}
