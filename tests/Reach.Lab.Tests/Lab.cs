using System.Diagnostics;
using System.Text.Json;

[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

namespace Reach.Lab.Tests;

/// <summary>Drives lab/lab.sh and runs the published CLI inside a lab namespace with `ip netns exec`.</summary>
public static class Lab
{
    public static bool IsRoot => Environment.UserName == "root" || Environment.GetEnvironmentVariable("EUID") == "0" || GetUid() == 0;

    public static string RepoRoot { get; } = FindRoot();

    public static string Script => Path.Combine(RepoRoot, "lab", "lab.sh");

    public static string Reach => Path.Combine(RepoRoot, "out", "reach");

    /// <summary>REACH_LAB_PREFIX, as lab/lab.sh reads it: a second lab's namespaces are b-dev1, b-web1, ...</summary>
    public static string Prefix { get; } = Environment.GetEnvironmentVariable("REACH_LAB_PREFIX") ?? string.Empty;

    /// <summary>The real namespace name of a lab host.</summary>
    public static string Ns(string host) => Prefix + host;

    /// <summary>Runs a command inside a lab host's namespace.</summary>
    public static ProcessResult Exec(string host, IReadOnlyList<string> command, TimeSpan? timeout = null) =>
        Run("ip", ["netns", "exec", Ns(host), .. command], timeout ?? TimeSpan.FromSeconds(30));

    /// <summary>A clean, healthy lab with the named faults injected.</summary>
    public static void Reset(params string[] faults)
    {
        if (!IsRoot)
        {
            throw new InvalidOperationException("The lab needs root (network namespaces, veths, firewall rules); run the tests as root.");
        }

        if (!File.Exists(Reach))
        {
            throw new InvalidOperationException($"{Reach} is missing: publish the CLI first (`dotnet publish src/Reach.Cli -c Release -o out`, as the README's test command does).");
        }

        Run("bash", [Script, "reset"], TimeSpan.FromSeconds(60)).EnsureSuccess("lab reset");
        foreach (var fault in faults)
        {
            // 90 s: most faults take a second; neigh-table-full waits for the kernel to evict dev1's gateway entry (30-45 s).
            Run("bash", [Script, "fault", fault], TimeSpan.FromSeconds(90)).EnsureSuccess($"lab fault {fault}");
        }
    }

    /// <summary>A fresh lab with <paramref name="fault"/> (none when empty), then `reach check TARGET --json` on dev1.</summary>
    public static ReachRun CheckOnDev1(string fault = "", string target = "web1:80")
    {
        if (fault.Length == 0)
        {
            Reset();
        }
        else
        {
            Reset(fault);
        }

        return Json("dev1", "check", target);
    }

    /// <summary>Runs `reach ARGS --json` inside a namespace and parses what it printed.</summary>
    public static ReachRun Json(string ns, params string[] args)
    {
        var result = Run("ip", ["netns", "exec", Ns(ns), Reach, .. args, "--json"], TimeSpan.FromSeconds(60));
        JsonDocument? doc = null;
        if (result.Stdout.TrimStart().StartsWith('{'))
        {
            doc = JsonDocument.Parse(result.Stdout);
        }

        return new ReachRun(result, doc);
    }

    public static ProcessResult Run(string file, IReadOnlyList<string> args, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} ran longer than {timeout}");
        }

        return new ProcessResult(p.ExitCode, stdout.Result, stderr.Result, $"{file} {string.Join(' ', args)}");
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "reach.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("cannot find the repository root (reach.slnx) above " + AppContext.BaseDirectory);
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetUid();
}
