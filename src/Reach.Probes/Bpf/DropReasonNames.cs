namespace Reach.Probes.Bpf;

/// <summary>
/// enum skb_drop_reason's enumerators (include/net/dropreason-core.h) as reach says them. The numbers
/// change between kernels (6.2's include/net/dropreason.h makes NETFILTER_DROP 8, 6.18 makes it 12), so they are read from the running
/// kernel's BTF, never compiled in.
/// </summary>
internal static class DropReasonNames
{
    private const string Prefix = "SKB_DROP_REASON_";

    /// <summary>value → name without the SKB_DROP_REASON_ prefix; the markers (…_MAX, …_SUBSYS_MASK) left out.</summary>
    public static Dictionary<int, string> From(IEnumerable<(string Name, int Value)> enumerators)
    {
        var names = new Dictionary<int, string>();
        foreach (var (name, value) in enumerators)
        {
            if (name is "SKB_DROP_REASON_MAX" or "SKB_DROP_REASON_SUBSYS_MASK" || name.StartsWith("SKB_DROP_REASON_SUBSYS_", StringComparison.Ordinal))
            {
                continue;
            }

            names.TryAdd(value, name.StartsWith(Prefix, StringComparison.Ordinal) ? name[Prefix.Length..] : name);
        }

        return names;
    }

    /// <summary>
    /// A reason's name. The upper 16 bits of a reason name a subsystem (SKB_DROP_REASON_SUBSYS_SHIFT,
    /// mac80211, openvswitch, …) whose own enum this watch does not read: said as numbers.
    /// </summary>
    public static string? Name(IReadOnlyDictionary<int, string> names, int reason) =>
        names.TryGetValue(reason, out var name) ? name
        : (reason >>> 16) != 0 ? $"subsystem {reason >>> 16} reason {reason & 0xffff}"
        : null;
}
