using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace Reach.Lab.Tests;

/// <summary>
/// The kernel's own drop reason for the client's flow (`reach local --watch`'s eBPF watch on skb:kfree_skb),
/// against real faults: the watch runs in web1, dev1 connects to web1:80 with a real socket, and the verdict
/// must be the one the kernel's reason proves, with the reason and the function named as evidence. After
/// each run nothing of the watch may be left in the kernel (`bpftool prog list` / `link list`).
/// </summary>
[Collection(LabGroup.Name)]
public sealed partial class KernelDropScenarios
{
    private const string Kernel = "kernel (eBPF skb:kfree_skb)";

    /// <summary>dev1 opens one TCP connection to web1:80 and gives up after 2.5 s (the kernel retries the SYN after 1 s and 3 s).</summary>
    private static string[] Connect(string address = "10.1.2.5") =>
        ["python3", "-c", $"import socket\ntry: socket.create_connection(('{address}', 80), timeout=2.5)\nexcept OSError as e: print(e)"];

    /// <summary>
    /// `reach local 80 --from CLIENT --watch --stop-on-eof` in web1 (started first, as --server does), the
    /// client's connect in dev1, then EOF on the watch's stdin (as --server gives it when its probes are
    /// done): the window is the client's whole attempt however long a loaded machine takes to start it.
    /// </summary>
    private static (ReachRun Run, string Watching) Watch(string client = "10.1.1.7", string address = "10.1.2.5", string[]? wrapper = null)
    {
        var start = new ProcessStartInfo("ip") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in (string[])["netns", "exec", Lab.Ns("web1"), .. wrapper ?? [], Lab.Reach, "local", "80", "--from", client, "--watch", "--duration", "30s", "--stop-on-eof", "--json"])
        {
            start.ArgumentList.Add(a);
        }

        using var watch = Process.Start(start)!;
        var stdout = watch.StandardOutput.ReadToEndAsync();
        var watching = watch.StandardError.ReadLine() ?? string.Empty;
        var stderr = watch.StandardError.ReadToEndAsync();
        // An IPv6 client has no packet socket watch yet ("cannot watch: …"); the kernel's watch runs for both families.
        Assert.Matches("^reach: (watching|cannot watch)", watching);
        Lab.Exec("dev1", Connect(address));
        watch.StandardInput.Close();
        Assert.True(watch.WaitForExit(TimeSpan.FromSeconds(40)), "the watch did not end");
        var run = new ReachRun(new ProcessResult(watch.ExitCode, stdout.Result, stderr.Result, "reach local --watch"), JsonDocument.Parse(stdout.Result));
        NothingLeftAttached(watch.Id);
        return (run, watching);
    }

    /// <summary>Every evidence line of every check, as "source: detail".</summary>
    private static string AllEvidence(ReachRun run) => string.Join("\n", run.Root.GetProperty("checks").EnumerateArray()
        .SelectMany(c => c.GetProperty("evidence").EnumerateArray())
        .Select(e => $"{e.GetProperty("source").GetString()}: {e.GetProperty("detail").GetString()}"));

    /// <summary>
    /// The watch's programs (reach_kfree_skb, reach_consume, reach_synack) and their links are gone: none is
    /// held by the watch's process, and none is held by no process at all (pinned or leaked). Other runs of
    /// reach on this host (the lab's other scenarios, a second lab) may hold programs of the same names
    /// meanwhile; those are theirs. The kernel frees a closed program after a grace period, so a leftover
    /// is asked about again for a few seconds before it counts.
    /// </summary>
    private static void NothingLeftAttached(int pid)
    {
        var left = Leftovers(pid);
        for (var i = 0; i < 20 && left.Count > 0; i++)
        {
            Thread.Sleep(250);
            left = Leftovers(pid);
        }

        Assert.Empty(left);
    }

    private static List<string> Leftovers(int pid)
    {
        var left = new List<string>();
        foreach (var kind in (string[])["prog", "link"])
        {
            var list = Lab.Run("bpftool", ["-j", kind, "list"], TimeSpan.FromSeconds(10));
            list.EnsureSuccess($"bpftool -j {kind} list");
            foreach (var item in JsonDocument.Parse(list.Stdout).RootElement.EnumerateArray())
            {
                var name = item.TryGetProperty("name", out var n) ? n.GetString() : item.TryGetProperty("tp_name", out var t) ? t.GetString() : null;
                var ours = kind == "link" || (name?.StartsWith("reach_", StringComparison.Ordinal) ?? false);
                var holders = item.TryGetProperty("pids", out var pids) ? pids.EnumerateArray().Select(p => p.GetProperty("pid").GetInt32()).ToList() : [];
                if (ours && (holders.Contains(pid) || (kind == "prog" && holders.Count == 0)))
                {
                    left.Add($"{kind} {item.GetProperty("id").GetInt32()} {name} held by [{string.Join(", ", holders)}]");
                }
            }
        }

        return left;
    }

    [LabFact]
    public void A_drop_rule_is_proven_by_the_kernel_dropping_the_syns_in_nf_tables()
    {
        Lab.Reset("web1-drop");

        var (run, watching) = Watch();

        Assert.EndsWith("with the kernel's drop reasons", watching, StringComparison.Ordinal);
        run.ShouldBe("firewall.drop", 1);
        Assert.Contains("-A INPUT -p tcp -m tcp --dport 80 -j DROP", run.VerdictSummary, StringComparison.Ordinal);
        Assert.Matches(SynsDropped("nft_do_chain", "NETFILTER_DROP"), run.Evidence("firewall"));
    }

    [LabFact]
    public void A_drop_rule_for_an_ipv6_client_is_proven_the_same_way()
    {
        Lab.Reset("web1-drop6");

        var (run, watching) = Watch("2001:db8:1:1::7", "2001:db8:1:2::5");

        Assert.EndsWith("(with the kernel's drop reasons)", watching, StringComparison.Ordinal);
        run.ShouldBe("firewall.drop", 1);
        Assert.Matches(SynsDropped("nft_do_chain", "NETFILTER_DROP", "2001:db8:1:1::7"), run.Evidence("firewall"));
    }

    [LabFact]
    public void No_listener_is_the_kernel_finding_no_socket_for_the_syn()
    {
        Lab.Reset("no-listener");

        var (run, _) = Watch();

        run.ShouldBe("listener.none", 1);
        Assert.Matches(SynsDropped("tcp_v4_rcv", "NO_SOCKET"), run.Evidence("listener"));
    }

    [LabFact]
    public void A_full_accept_queue_is_the_listener_taking_the_syns_and_answering_none()
    {
        Lab.Reset("web1-accept-full");

        var (run, _) = Watch();

        run.ShouldBe("listener.overflow", 1);
        Assert.Matches(@"\d+ SYNs? from 10\.1\.1\.7 taken by the listener in tcp_rcv_state_process", run.Evidence("listener"));
    }

    [LabFact]
    public void Strict_rp_filter_on_a_multihomed_server_is_the_kernel_dropping_the_syns_on_arrival()
    {
        Lab.Reset("web1-rp-filter");

        var (run, _) = Watch();

        run.ShouldBe("route.rp-filter", 1);
        Assert.Matches(SynsDropped("ip_rcv_finish_core", "IP_RPFILTER"), run.Evidence("route"));
        Assert.Contains("rp_filter=1", run.VerdictSummary, StringComparison.Ordinal);
    }

    /// <summary>Host-wide: the fault lowers nf_conntrack_max for the seconds this runs; `lab.sh down` puts it back.</summary>
    [LabFact]
    public void A_full_conntrack_table_is_the_kernel_dropping_the_syns_in_the_netfilter_core()
    {
        var max = File.ReadAllText("/proc/sys/net/netfilter/nf_conntrack_max").Trim();
        try
        {
            Lab.Reset("web1-conntrack-full");

            var (run, _) = Watch();

            run.ShouldBe("firewall.conntrack-full", 1);
            Assert.Matches(SynsDropped("nf_hook_slow", "NETFILTER_DROP"), AllEvidence(run));
        }
        finally
        {
            Lab.Run("bash", [Lab.Script, "down"], TimeSpan.FromSeconds(60)).EnsureSuccess("lab down (restores nf_conntrack_max)");
            Assert.Equal(max, File.ReadAllText("/proc/sys/net/netfilter/nf_conntrack_max").Trim());
        }
    }

    [LabFact]
    public void A_healthy_flow_is_ok_and_the_kernel_says_it_dropped_none_of_the_handshake()
    {
        Lab.Reset();

        var (run, _) = Watch();

        run.ShouldBe("ok", 0);
        Assert.DoesNotMatch(@"SYNs? from 10\.1\.1\.7 dropped", AllEvidence(run));
        Assert.Contains(Kernel, run.Evidence("route"), StringComparison.Ordinal);
    }

    [LabFact]
    public void Without_cap_bpf_the_watch_says_why_and_counts_host_wide_in_a_tracefs_instance_it_removes()
    {
        Lab.Reset("web1-drop");

        // tracefs mounted in a mount namespace of the run's own (the host has none mounted), and the
        // capabilities eBPF needs dropped: root still owns tracefs's files, so only the fallback runs.
        string[] wrapper = ["unshare", "-m", "sh", "-c", "mount -t tracefs nodev /sys/kernel/tracing && exec \"$@\"", "sh",
            "setpriv", "--inh-caps=-bpf,-perfmon,-sys_admin", "--bounding-set=-bpf,-perfmon,-sys_admin"];
        var (run, watching) = Watch(wrapper: wrapper);

        Assert.Contains("without the kernel's drop reasons (loading eBPF programs needs CAP_BPF and CAP_PERFMON", watching, StringComparison.Ordinal);
        run.ShouldBe("firewall.drop", 1);
        var route = run.Evidence("route");
        Assert.Contains("not running: loading eBPF programs needs CAP_BPF and CAP_PERFMON", route, StringComparison.Ordinal);
        Assert.Matches(@"tracefs skb:kfree_skb \(host-wide, every flow\): \d+ × NETFILTER_DROP in nft_do_chain", route);

        // The instance (instances/reach-PID) is the kernel's, seen from any tracefs mount: none may be left.
        Assert.DoesNotContain("reach-", TracefsInstances(), StringComparison.Ordinal);
    }

    [LabFact]
    public void Ctrl_c_during_the_watch_leaves_nothing_attached()
    {
        Lab.Reset();

        // A terminal's foreground job gets Ctrl-C with SIGINT's default disposition; a test host started as a
        // background job of a non-interactive shell has SIGINT ignored, and its children inherit that (reach
        // then rightly ignores it, as nohup's children do): env puts the default back, then execs ip, then reach.
        var start = new ProcessStartInfo("env") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "--default-signal=INT", "ip", "netns", "exec", Lab.Ns("web1"), Lab.Reach, "local", "80", "--from", "10.1.1.7", "--watch", "--duration", "60s", "--json" })
        {
            start.ArgumentList.Add(a);
        }

        using var watch = Process.Start(start)!;
        Assert.EndsWith("with the kernel's drop reasons", watch.StandardError.ReadLine(), StringComparison.Ordinal);

        // SIGINT to reach itself (env and ip netns exec exec it: same pid), as a terminal's Ctrl-C would send.
        Lab.Run("kill", ["-INT", watch.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(5)).EnsureSuccess("kill -INT");
        Assert.True(watch.WaitForExit(TimeSpan.FromSeconds(15)), "reach did not end on SIGINT");
        // Ended by its own hand (the token cancelled, every Dispose run), not by the signal's default action.
        Assert.Equal(130, watch.ExitCode);
        Assert.Contains("reach: interrupted", watch.StandardError.ReadToEnd(), StringComparison.Ordinal);
        NothingLeftAttached(watch.Id);
    }

    [LabFact]
    public void Ctrl_c_during_the_fallback_watch_removes_its_tracefs_instance()
    {
        Lab.Reset();

        // As in the fallback scenario above: tracefs mounted for this run only, and the capabilities eBPF needs dropped.
        var start = new ProcessStartInfo("env") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "--default-signal=INT", "ip", "netns", "exec", Lab.Ns("web1"),
            "unshare", "-m", "sh", "-c", "mount -t tracefs nodev /sys/kernel/tracing && exec \"$@\"", "sh",
            "setpriv", "--inh-caps=-bpf,-perfmon,-sys_admin", "--bounding-set=-bpf,-perfmon,-sys_admin",
            Lab.Reach, "local", "80", "--from", "10.1.1.7", "--watch", "--duration", "60s", "--json" })
        {
            start.ArgumentList.Add(a);
        }

        using var watch = Process.Start(start)!;
        Assert.Contains("without the kernel's drop reasons", watch.StandardError.ReadLine(), StringComparison.Ordinal);
        var instance = $"reach-{watch.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        Assert.Contains(instance, TracefsInstances(), StringComparison.Ordinal);

        Lab.Run("kill", ["-INT", watch.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(5)).EnsureSuccess("kill -INT");
        Assert.True(watch.WaitForExit(TimeSpan.FromSeconds(15)), "reach did not end on SIGINT");

        Assert.Equal(130, watch.ExitCode);
        Assert.DoesNotContain(instance, TracefsInstances(), StringComparison.Ordinal);
    }

    /// <summary>The names in tracefs's instances/ (the kernel's, seen from a mount of this call's own).</summary>
    private static string TracefsInstances()
    {
        var list = Lab.Run("unshare", ["-m", "sh", "-c", "mount -t tracefs nodev /sys/kernel/tracing && ls /sys/kernel/tracing/instances"], TimeSpan.FromSeconds(10));
        list.EnsureSuccess("list tracefs instances");
        return list.Stdout;
    }

    [LabFact]
    public void The_watch_stays_under_30_MB_resident()
    {
        Lab.Reset("web1-drop");

        // GNU time's %M: the largest resident set of the run, in KiB (the BTF parse for CO-RE and for the reason names included).
        var (run, _) = Watch(wrapper: ["/usr/bin/time", "-f", "reach-max-rss-kib=%M"]);

        run.ShouldBe("firewall.drop", 1);
        var kib = int.Parse(RssLine().Match(run.Process.Stderr).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(kib < 30 * 1024, $"the watch's peak RSS was {kib} KiB");
    }

    private static string SynsDropped(string function, string reason, string client = "10.1.1.7") =>
        $@"{Regex.Escape(Kernel)}: \d+ SYNs? from {Regex.Escape(client)} dropped in {function} \({reason}\)";

    [GeneratedRegex(@"reach-max-rss-kib=(\d+)")]
    private static partial Regex RssLine();
}
