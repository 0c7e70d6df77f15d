using Xunit;

namespace Reach.Lab.Tests;

/// <summary>
/// deploy/systemd/reach.service checked by systemd itself. `systemd-analyze verify` insists that the
/// ExecStart binary exists: inside a private mount namespace (unshare -m) a tmpfs over /usr/local/bin
/// holds the published reach, so nothing on the host changes. Needs root for the mount.
/// </summary>
public sealed class DeployScenarios
{
    private static string Unit => Path.Combine(Lab.RepoRoot, "deploy", "systemd", "reach.service");

    [LabFact]
    public void The_systemd_unit_passes_systemd_analyze_verify_without_a_warning()
    {
        var result = Lab.Run("unshare", ["-m", "--propagation", "private", "sh", "-c",
            $"mount -t tmpfs none /usr/local/bin && cp {Lab.Reach} /usr/local/bin/reach && systemd-analyze verify --man=no {Unit}"], TimeSpan.FromSeconds(60));

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        // verify only warns about an unknown or misspelt key: any output is a defect.
        Assert.Equal(string.Empty, (result.Stdout + result.Stderr).Trim());
    }

    [LabFact]
    public void The_unit_holds_CAP_NET_RAW_and_CAP_NET_ADMIN_only_and_scores_as_hardened()
    {
        var lines = File.ReadAllLines(Unit);

        Assert.Contains("CapabilityBoundingSet=CAP_NET_RAW CAP_NET_ADMIN", lines);
        Assert.Contains("AmbientCapabilities=CAP_NET_RAW CAP_NET_ADMIN", lines);
        Assert.Contains("NoNewPrivileges=yes", lines);
        Assert.Contains("ProtectSystem=strict", lines);
        Assert.Single(lines, l => l.StartsWith("CapabilityBoundingSet=", StringComparison.Ordinal));

        // systemd's own exposure score (0 best, 10 worst). --threshold counts in tenths of that score
        // (its default is 100, "10.0"), so 30 makes it fail above 3.0.
        var result = Lab.Run("systemd-analyze", ["security", "--offline=yes", "--threshold=30", "--no-pager", Unit], TimeSpan.FromSeconds(60));
        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Matches(@"Overall exposure level for reach\.service: [0-2]\.\d", result.Stdout);
    }
}
