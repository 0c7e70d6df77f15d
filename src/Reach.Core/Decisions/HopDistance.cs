namespace Reach.Core.Decisions;

/// <summary>
/// How far away the sender of a packet is, from the TTL (IPv4) or hop limit (IPv6) it arrived with.
/// Senders start from one of a few initial values (Linux and most Unix 64, Windows 128, many routers and
/// network stacks 255: RFC 1700's 64 is the common default), so the initial value is guessed as the smallest
/// of them that is not below what arrived, and every router on the way took one off.
/// </summary>
public static class HopDistance
{
    private static readonly int[] InitialValues = [64, 128, 255];

    /// <summary>The sender's likely initial TTL, or null for a value no IP packet can carry (below 1, above 255).</summary>
    public static int? InitialTtl(int received) =>
        received is < 1 or > 255 ? null : InitialValues.First(initial => initial >= received);

    /// <summary>
    /// The hop distance: 1 for a sender on our own link (nothing decremented), 2 behind one router, and so
    /// on. It is also the TTL a probe needs to reach that sender. A sender whose initial TTL is a less
    /// common value (32, 60) is placed too far; callers compare distances, they do not trust one alone.
    /// </summary>
    public static int? Hops(int received) => InitialTtl(received) is { } initial ? initial - received + 1 : null;
}
