using Xunit;

namespace Reach.Tests.Probes;

/// <summary>
/// A test that reads this kernel's BTF and compares with bpftool. Skipped with the reason where either is
/// missing; never skipped where REACH_REQUIRE_LAB=1 (CI), so a missing one fails the build.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class KernelBtfFactAttribute : FactAttribute
{
    public const string Vmlinux = "/sys/kernel/btf/vmlinux";

    public KernelBtfFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("REACH_REQUIRE_LAB") == "1")
        {
            return;
        }

        if (!File.Exists(Vmlinux))
        {
            Skip = "this kernel has no BTF (/sys/kernel/btf/vmlinux)";
        }
        else if (!Environment.GetEnvironmentVariable("PATH")!.Split(':').Any(d => File.Exists(Path.Combine(d, "bpftool"))))
        {
            Skip = "bpftool is not installed: scripts/install-deps.sh installs it";
        }
    }
}
