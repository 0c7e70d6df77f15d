using Reach.Readers.Parsing;

namespace Reach.Readers;

/// <summary>
/// Names kernel code addresses (where the kernel dropped a packet) from /proc/kallsyms. Read straight
/// from the live kernel, not through ISystemSource: the table belongs to the running kernel and the
/// addresses to this run (KASLR moves them at every boot), so a recorded copy would name nothing; and
/// its 120,000 lines are streamed, never held.
/// </summary>
public static class KernelSymbols
{
    /// <returns>address → function name (without the offset); addresses it cannot name are left out.</returns>
    public static IReadOnlyDictionary<ulong, string> Functions(IReadOnlyCollection<ulong> addresses)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        if (addresses.Count == 0 || !File.Exists("/proc/kallsyms"))
        {
            return new Dictionary<ulong, string>();
        }

        try
        {
            return KallsymsParser.Resolve(File.ReadLines("/proc/kallsyms"), addresses)
                .ToDictionary(p => p.Key, p => KallsymsParser.Function(p.Value));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new Dictionary<ulong, string>();
        }
    }
}
