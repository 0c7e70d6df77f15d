using Reach.Readers.Sources;

namespace Reach.Readers;

/// <summary>
/// Whether asking a kernel subsystem something is read-only. A netlink request to nf_tables, ip_set or
/// sock_diag loads the module when it is absent (request_module), and loading a module changes the host.
/// So ask only when it is there already, built in, or when the kernel cannot load modules at all.
/// </summary>
public sealed class KernelModules(ISystemSource source)
{
    public enum Presence
    {
        /// <summary>Loaded, built in, or the kernel has no loadable modules: asking changes nothing.</summary>
        Present,

        /// <summary>Not loaded and not built in: nothing of it exists, and asking would load it.</summary>
        Absent,

        /// <summary>Not loaded, and whether it is built in cannot be read (no modules.builtin): not asked.</summary>
        Unknown,
    }

    public bool MayAsk(string module) => Check(module) == Presence.Present;

    public Presence Check(string module)
    {
        var loaded = source.ReadFile("/proc/modules");
        if (loaded is null)
        {
            return Presence.Present; // no loadable-module support: nothing can be loaded behind our back
        }

        if (source.Exists($"/sys/module/{module}") || loaded.Split('\n').Any(l => l.StartsWith(module + " ", StringComparison.Ordinal)))
        {
            return Presence.Present;
        }

        var release = source.ReadFile("/proc/sys/kernel/osrelease")?.Trim();
        var builtin = release is null ? null : source.ReadFile($"/lib/modules/{release}/modules.builtin");
        if (builtin is null)
        {
            return Presence.Unknown;
        }

        return builtin.Split('\n').Any(l => l.EndsWith($"/{module}.ko", StringComparison.Ordinal)) ? Presence.Present : Presence.Absent;
    }
}
