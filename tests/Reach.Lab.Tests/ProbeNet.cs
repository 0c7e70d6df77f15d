using System.Diagnostics;

namespace Reach.Lab.Tests;

/// <summary>
/// The probe network (probe-net.sh: a — r1 —MTU 1400— r2 — b), built once for a test class and removed after
/// it. Probes run in a namespace through the test-only Reach.ProbeHost (`ip netns exec NS dotnet
/// Reach.ProbeHost.dll ...`): the simplest honest way to run library code in another namespace, since a
/// process cannot move its thread pool between network namespaces and `ip netns exec` also remounts /sys.
/// </summary>
public sealed class ProbeNet : IDisposable
{
    private static readonly string Script = Path.Combine(Lab.RepoRoot, "tests", "Reach.Lab.Tests", "probe-net.sh");
    private static readonly string Host = Path.Combine(AppContext.BaseDirectory, "Reach.ProbeHost.dll");

    public ProbeNet()
    {
        if (Lab.IsRoot)
        {
            Lab.Run("bash", [Script, "up"], TimeSpan.FromSeconds(60)).EnsureSuccess("probe-net up");
        }
    }

    public static string Ns(string host) => Lab.Prefix + "probe-" + host;

    /// <summary>Runs a command in a host of the probe network; it must succeed.</summary>
    public static string Exec(string host, params string[] command)
    {
        var result = Lab.Run("ip", ["netns", "exec", Ns(host), .. command], TimeSpan.FromSeconds(30));
        result.EnsureSuccess(string.Join(' ', command));
        return result.Stdout;
    }

    /// <summary>Runs one probe in a host and returns what it printed, key by key.</summary>
    public static IReadOnlyDictionary<string, string> Probe(string host, params string[] args) => ProbeAs(host, null, args);

    /// <summary>The same as an unprivileged user (nobody, no capabilities), with setpriv(1).</summary>
    public static IReadOnlyDictionary<string, string> ProbeAsNobody(string host, params string[] args) => ProbeAs(host, ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"], args);

    /// <summary>Starts a long-running command in a host (a listener); the caller kills it.</summary>
    public static Process Start(string host, params string[] command)
    {
        var start = new ProcessStartInfo("ip") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in (string[])["netns", "exec", Ns(host), .. command])
        {
            start.ArgumentList.Add(a);
        }

        return Process.Start(start)!;
    }

    public void Dispose()
    {
        if (Lab.IsRoot)
        {
            Lab.Run("bash", [Script, "down"], TimeSpan.FromSeconds(60));
        }
    }

    private static Dictionary<string, string> ProbeAs(string host, string[]? prefix, string[] args)
    {
        var result = Lab.Run("ip", ["netns", "exec", Ns(host), .. prefix ?? [], "dotnet", Host, .. args], TimeSpan.FromSeconds(60));
        result.EnsureSuccess("probe " + string.Join(' ', args));
        return result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .ToDictionary(kv => kv[0], kv => kv.Length > 1 ? kv[1] : string.Empty);
    }
}
