namespace Reach.Cli.Commands;

/// <summary>The readers and probes are Linux's (/sys, iproute2, IP_RECVERR); say so plainly elsewhere.</summary>
internal static class ClientObservationsGuard
{
    public static void EnsureLinux()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new ReachException(ExitCode.CannotRun, Reach.Core.Text.Message.Of("error.not-linux"));
        }
    }
}
