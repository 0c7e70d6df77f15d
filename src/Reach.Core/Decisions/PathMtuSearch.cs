using Reach.Core.Observations;

namespace Reach.Core.Decisions;

/// <summary>
/// The search for the largest echo that still gets a reply when big ones vanish: a k-ary search, one wave
/// of sizes at a time, because each wave costs one wait for silence and echo replies are not rate-limited
/// (icmp_ratemask covers errors only), so a few sizes at once cost no more time than one.
/// </summary>
public static class PathMtuSearch
{
    // The MTUs links really have (Ethernet, PPPoE 1492, the tunnels: IPsec, GRE 1476, WireGuard 1420,
    // VXLAN 1450, IPv6's minimum 1280, jumbo frames): a black hole is nearly always one of them, so the
    // first wave asks each with its size + 1 and pins the exact MTU in one wait. A k-ary search from
    // 84..9000 needs five waves for the same answer, more than a check's time budget: the size it stopped
    // at varied from run to run.
    private static readonly int[] CommonMtus = [1280, 1400, 1420, 1450, 1460, 1476, 1480, 1492, 1500, 9000];

    /// <summary>
    /// The first wave of the search: every common MTU strictly between the bounds, each with the size one
    /// above it (that one failing proves the MTU exact), at most <paramref name="count"/> sizes, the ones
    /// nearest the failing bound first (the usual hole is 1500 against jumbo, or a tunnel's just below).
    /// Falls back to <see cref="NextSizes"/> when no common MTU lies in between.
    /// </summary>
    public static IReadOnlyList<int> FirstSizes(int passing, int failing, int count)
    {
        var sizes = new SortedSet<int>();
        foreach (var mtu in CommonMtus.Where(m => m > passing && m < failing).OrderByDescending(m => m))
        {
            if (sizes.Count + 2 > count)
            {
                break;
            }

            sizes.Add(mtu);
            if (mtu + 1 < failing)
            {
                sizes.Add(mtu + 1);
            }
        }

        return sizes.Count > 0 ? [.. sizes] : NextSizes(passing, failing, count);
    }

    /// <summary>Up to <paramref name="count"/> sizes spread evenly strictly between a size that passed and one that did not.</summary>
    public static IReadOnlyList<int> NextSizes(int passing, int failing, int count)
    {
        var sizes = new SortedSet<int>();
        for (var i = 1; i <= count; i++)
        {
            var size = passing + (int)((long)(failing - passing) * i / (count + 1));
            if (size > passing && size < failing)
            {
                sizes.Add(size);
            }
        }

        return [.. sizes];
    }

    /// <summary>
    /// The bounds after a wave: the largest size that got a reply, and the smallest above it that did not.
    /// A reply proves every smaller size passes (one path, one MTU), so silence below a reply was a loss.
    /// </summary>
    public static (int Passing, int Failing) Narrow(int passing, int failing, IEnumerable<EchoOutcome> wave)
    {
        var outcomes = wave.Where(o => o.SentTtl is null).ToList();
        var newPassing = outcomes.Where(o => o.Result == EchoResult.Reply).Select(o => o.Size).Append(passing).Max();
        var newFailing = outcomes.Where(o => o.Result is EchoResult.Silent or EchoResult.TooBig && o.Size > newPassing)
            .Select(o => o.Size).Append(failing).Min();
        return (newPassing, Math.Max(newFailing, newPassing + 1));
    }
}
