using System.Globalization;
using System.Net;
using Reach.Core.Diagnosis;
using Reach.Core.Model;
using Reach.Core.Observations;
using Reach.Core.Watching;
using Reach.Readers;
using Reach.Readers.Parsing;
using Reach.Readers.Sources;

using Reach.Core.Text;

namespace Reach.Engine;

/// <summary>
/// `reach local PORT --from CLIENT --watch`: the usual listener and firewall answer, plus what really
/// happened on the wire to the client's SYNs while the watch ran (the far end of `reach check --server`).
/// </summary>
public static class LocalWatch
{
    /// <summary>After the client says it is done, how long late answers may still be on their way out.</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(300);

    /// <param name="window">The longest the watch runs.</param>
    /// <param name="clientDone">Completes when the client has finished probing (EOF on stdin for --server): the watch then ends early.</param>
    /// <param name="watching">Called once the packet socket is open (or could not be), before any probe is awaited.</param>
    public static Task<(Report Report, LocalObservations Observations, WatchObservation Watch)> RunAsync(
        int port, string protocol, IPAddress client, TimeSpan window, Task? clientDone, Action<string> watching, ISystemSource source, CancellationToken cancellationToken) =>
        RunAsync(port, protocol, client, window, clientDone, watching, source, ProbeSet.Live, cancellationToken);

    /// <summary>As above, with the watch and the clock given (recorded packets and a fake clock in tests).</summary>
    internal static async Task<(Report Report, LocalObservations Observations, WatchObservation Watch)> RunAsync(
        int port, string protocol, IPAddress client, TimeSpan window, Task? clientDone, Action<string> watching, ISystemSource source, ProbeSet probes, CancellationToken cancellationToken)
    {
        string? error = "only TCP handshakes can be watched";
        using var watcher = protocol == "tcp" ? probes.Watch.TryOpen(client, port, out error) : null;

        // The kernel's own word on the flow (drop reasons), attached before the line that lets the client probe;
        // without it, the counters below and tracefs's host-wide kfree_skb counts are what is left.
        using var kernelWatch = protocol == "tcp" ? probes.Kernel.Open(client, port) : null;
        var kernelError = kernelWatch is null ? "only TCP flows are watched in the kernel" : kernelWatch.Error;
        var kernelWords = kernelError is null ? "with the kernel's drop reasons" : $"without the kernel's drop reasons ({kernelError})";

        // The drop counters bracket the whole watch, read before the client is told to start probing.
        var counters = new DropCounterReader(source);
        var countersBefore = counters.Read();
        watching(error is null
            ? $"watching for SYNs from {client} to port {port} for up to {window.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s, {kernelWords}"
            : $"cannot watch: {error} ({kernelWords})");

        // The grace after the client is done runs on the engine's clock (a fake one in tests).
        using var graceOver = new CancellationTokenSource(Timeout.InfiniteTimeSpan, probes.Time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, graceOver.Token);
        var answered = false;
        var collect = watcher is null
            ? Task.FromResult<IReadOnlyList<WatchedPacket>>([])
            : watcher.CollectAsync(window, p => answered |= p.Outgoing, stop.Token);
        var kernelCollect = kernelWatch is null
            ? Task.FromResult(KernelWatch.None(kernelError!))
            : kernelWatch.CollectAsync(window, stop.Token);
        if (clientDone is not null)
        {
            // Once the client is done, wait only for answers still on their way (none when one was already seen).
            _ = clientDone.ContinueWith(_ => graceOver.CancelAfter(answered ? TimeSpan.Zero : Grace), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }

        var clock = new Clock(probes.Time);
        var checker = new LocalChecker(new SystemReader(source));
        var observed = await checker.ObserveAsync(port, protocol, client, null, countersBefore, cancellationToken).ConfigureAwait(false);
        var packets = await collect.ConfigureAwait(false);
        var kernel = await kernelCollect.ConfigureAwait(false);
        // The client probed during the watch: a rate limit's counters have had their chance to move.
        observed = await checker.SettleRatesAsync(observed, waitFirst: false, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        var windowMs = clock.Elapsed.TotalMilliseconds;
        var countersAfter = counters.Read();
        var observations = observed with { CountersAfter = countersAfter, ListenOverflowsAfter = countersAfter.ListenOverflows };
        var local = LocalCheck.Report(observations);

        var arrival = packets.FirstOrDefault(p => p.Kind == WatchedKind.Syn);
        var to = arrival?.Local ?? observations.LocalAddress;
        RouteDecision? back = null, reverse = null;
        int? rpFilter = null;
        if (error is null)
        {
            back = await RouteGetAsync(source, client, ["from", to.ToString()], cancellationToken).ConfigureAwait(false);
            if (arrival is not null)
            {
                reverse = await RouteGetAsync(source, to, ["from", client.ToString(), "iif", arrival.Interface], cancellationToken).ConfigureAwait(false);
                rpFilter = Math.Max(RpFilter(source, "all") ?? 0, RpFilter(source, arrival.Interface) ?? 0);
            }
        }

        var watch = new WatchObservation(client, port, to, error, Math.Round(windowMs, 1), packets, back, reverse, rpFilter);
        var watched = WatchCheck.Assess(watch);
        // What the wire showed (the interface the SYNs really came in by) supersedes the reverse-path check
        // of the interfaces they might come in by; without a packet socket, that check is all there is.
        var (findings, decisive) = KernelDropCheck.Apply(
            [.. local.Checks.Where(c => c.Layer != Layer.Route || watched.Status == CheckStatus.Inconclusive), watched],
            watch, kernel, countersBefore.ConntrackFull || countersAfter.ConntrackFull);
        var (verdict, problems) = Diagnoser.Diagnose(
            findings,
            Message.Of("verdict.ok.watch", ("protocol", protocol), ("port", $"{port}"), ("client", $"{client}")),
            Message.Of("verdict.inconclusive.fix.local"));
        verdict = KernelDropCheck.Verdict(findings, decisive) ?? verdict;
        return (local with { Verdict = verdict, Checks = findings, Problems = problems }, observations, watch);
    }

    private static async Task<RouteDecision> RouteGetAsync(ISystemSource source, IPAddress destination, string[] extra, CancellationToken cancellationToken)
    {
        var r = await source.RunAsync("ip", ["-j", "route", "get", destination.ToString(), .. extra], cancellationToken).ConfigureAwait(false);
        return IpJsonParser.ParseRouteGet(destination, r.ExitCode, r.Stdout, r.Stderr);
    }

    private static int? RpFilter(ISystemSource source, string iface) =>
        int.TryParse(source.ReadFile($"/proc/sys/net/ipv4/conf/{iface}/rp_filter")?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
}
