using System.Globalization;

namespace Reach.Readers.Parsing;

/// <summary>
/// The kernel's jiffies and HZ from /proc/timer_list ("now at N nsecs", "jiffies: J"). HZ is not printed,
/// but jiffies start at INITIAL_JIFFIES = 2^32 - 300·HZ (include/linux/jiffies.h, 64-bit) and count HZ a
/// second from boot, so (J - 2^32) / (now - 300 s) is HZ: taken when it is one of the values kernels are
/// built with. Too soon after boot (under 5 minutes) or on anything else: null.
/// </summary>
public static class KernelClockParser
{
    private static readonly int[] KnownHz = [100, 250, 300, 1000];

    public static (ulong Jiffies, int Hz)? Parse(string? text)
    {
        ulong? jiffies = null;
        double? nowSeconds = null;
        foreach (var line in (text ?? string.Empty).Split('\n'))
        {
            var l = line.Trim();
            if (nowSeconds is null && l.StartsWith("now at ", StringComparison.Ordinal)
                && double.TryParse(l["now at ".Length..].Split(' ')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ns))
            {
                nowSeconds = ns / 1e9;
            }
            else if (jiffies is null && l.StartsWith("jiffies:", StringComparison.Ordinal)
                && ulong.TryParse(l["jiffies:".Length..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var j))
            {
                jiffies = j;
            }
        }

        if (jiffies is not { } now || nowSeconds is not { } seconds || seconds <= 360 || now <= (1UL << 32))
        {
            return null;
        }

        var hz = (now - (1UL << 32)) / (seconds - 300);
        var known = KnownHz.FirstOrDefault(k => Math.Abs(hz - k) <= k * 0.02);
        return known == 0 ? null : (now, known);
    }
}
