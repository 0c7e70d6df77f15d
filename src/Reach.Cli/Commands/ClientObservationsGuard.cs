namespace Reach.Cli.Commands;

/// <summary>The readers and probes are Linux's (/sys, iproute2, IP_RECVERR); say so plainly elsewhere.</summary>
internal static class ClientObservationsGuard
{
    public static void EnsureLinux()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new ReachException(ExitCode.CannotRun, "reach reads the system the Linux way (/sys, iproute2, IP_RECVERR); this host is not Linux.");
        }
    }
}
