using Reach.Core.Observations;

namespace Reach.Core.Decisions;

/// <summary>
/// The search for the largest echo that still gets a reply when big ones vanish: a k-ary search, one wave
/// of sizes at a time, because each wave costs one wait for silence and echo replies are not rate-limited
/// (icmp_ratemask covers errors only), so a few sizes at once cost no more time than one.
/// </summary>
public static class PathMtuSearch
{
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
