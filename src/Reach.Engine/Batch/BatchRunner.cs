using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Reach.Core.Batch;
using Reach.Core.Joining;
using Reach.Core.Model;
using Reach.Engine.Remote;
using Reach.Readers;
using Reach.Readers.Sources;

namespace Reach.Engine.Batch;

/// <summary>
/// Runs a matrix of flows, at most <see cref="BatchOptions.Parallel"/> at once, each where its `from:`
/// says: this host's own `reach check`, or `reach check --json` run on an ssh:// host (the --compare
/// machinery). With a proposed ruleset, each flow is instead traced offline as `reach local` on the
/// ruleset's host (<see cref="OfflineAsync"/>). Never throws for a flow's failure: that flow could not run.
/// </summary>
public static class BatchRunner
{
    public static async Task<IReadOnlyList<FlowOutcome>> RunAsync(IReadOnlyList<Flow> flows, BatchOptions options, ISystemSource source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(flows);
        ArgumentNullException.ThrowIfNull(options);
        using var gate = new SemaphoreSlim(Math.Max(1, options.Parallel));
        IReadOnlySet<IPAddress>? hostAddresses = null;
        if (options.Proposed is { } proposed)
        {
            var interfaces = await new SystemReader(proposed.HostSource(source)).InterfacesAsync(cancellationToken).ConfigureAwait(false);
            hostAddresses = FirewallTracer.LocalAddresses(interfaces);
        }

        var tasks = flows.Select(async flow =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return options.Proposed is { } p
                    ? await OfflineAsync(flow, p, hostAddresses!, source, cancellationToken).ConfigureAwait(false)
                    : await LiveAsync(flow, options, source, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        }).ToList();
        return await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    private static async Task<FlowOutcome> LiveAsync(Flow flow, BatchOptions options, ISystemSource source, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        switch (flow.From.Kind)
        {
            case FlowOriginKind.ThisHost:
                try
                {
                    var report = await ClientCheck.RunAsync(flow.To, options.Probe, source, cancellationToken).ConfigureAwait(false);
                    cancellationToken.ThrowIfCancellationRequested();
                    return FlowOutcome.Judge(flow, report, flow.From.Text, Ms(clock));
                }
                catch (TargetRefusedException e)
                {
                    return new FlowOutcome(flow, FlowStatus.CouldNotRun, null, e.Reason.ToString(), flow.From.Text, Ms(clock));
                }

            case FlowOriginKind.Ssh:
                return await OverSshAsync(flow, options, clock, cancellationToken).ConfigureAwait(false);

            default:
                // reach serve's client (GET /probe?target=…&format=json) is not in this build yet: say so rather than guess.
                return new FlowOutcome(flow, FlowStatus.CouldNotRun, null,
                    $"{flow.From.Text}: asking a reach serve agent is not supported by this build; use ssh://{flow.From.Host} meanwhile", flow.From.Text, Ms(clock));
        }
    }

    /// <summary>`reach check TARGET --json` on the ssh:// host, as --compare runs it: its own verdict, from there.</summary>
    private static async Task<FlowOutcome> OverSshAsync(Flow flow, BatchOptions options, Stopwatch clock, CancellationToken cancellationToken)
    {
        if (!SshDestination.TryParse(flow.From.Text, out var destination, out var error))
        {
            return new FlowOutcome(flow, FlowStatus.CouldNotRun, null, error.ToString(), flow.From.Text, Ms(clock));
        }

        var probe = options.Probe;
        string[] command = [options.Remote.RemoteReach, "check", flow.To.Input, "--timeout", ((int)probe.Timeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms",
            "--max-hops", probe.MaxHops.ToString(CultureInfo.InvariantCulture), "--json"];
        var (run, failed) = RemoteRun.Start(RemoteRole.Compare, SshInvocation.Build(destination, command, options.Remote.SshCommand, options.Remote.ConnectTimeout), destination.Via, "reach check");
        RemoteEnd end;
        if (run is null)
        {
            end = failed!;
        }
        else
        {
            using (run)
            {
                run.FinishInput();
                // The remote check's own budget: a DROP waits out the probe timeout, a trace a few more.
                var deadline = options.Remote.ConnectTimeout + TimeSpan.FromMilliseconds(Math.Min(120_000, (probe.Timeout.TotalMilliseconds * 6) + 5000));
                end = await run.FinishAsync(deadline, cancellationToken).ConfigureAwait(false);
            }
        }

        return end is { Ok: true, Report: { } report }
            ? FlowOutcome.Judge(flow, report, destination.Via, Ms(clock))
            : new FlowOutcome(flow, FlowStatus.CouldNotRun, null, end.Error ?? $"{destination.Via}: no report", destination.Via, Ms(clock));
    }

    /// <summary>
    /// The flow's packet traced offline on the ruleset's host, as `reach local PORT --from SRC --to DST --ruleset …`:
    /// DST is the flow's target (a name resolved here); a target that is not one of the host's addresses
    /// is not for this ruleset (skipped). SRC is the flow's `source:`, else the origin's own address (the
    /// ssh:// or agent host, a name resolved here), else, for this host, the source address its kernel
    /// picks towards DST. Listeners and routes are the host's: the snapshot's, or this host's.
    /// </summary>
    public static async Task<FlowOutcome> OfflineAsync(Flow flow, ProposedRuleset proposed, IReadOnlySet<IPAddress> hostAddresses, ISystemSource source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(proposed);
        ArgumentNullException.ThrowIfNull(hostAddresses);
        var clock = Stopwatch.StartNew();
        var host = proposed.Snapshot is null ? "this host" : proposed.Snapshot;
        var targets = await AddressesAsync(flow.To.Address, flow.To.Host, cancellationToken).ConfigureAwait(false);
        if (targets.Count == 0)
        {
            return new FlowOutcome(flow, FlowStatus.CouldNotRun, null, $"{flow.To.Host} does not resolve here, so its address is not known", "offline", Ms(clock));
        }

        var destination = targets.FirstOrDefault(hostAddresses.Contains);
        if (destination is null)
        {
            return new FlowOutcome(flow, FlowStatus.Skipped, null,
                $"{flow.To.Host} ({string.Join(", ", targets)}) is not an address of {host}, whose rules --ruleset gives", "offline", Ms(clock));
        }

        var from = flow.Source;
        if (from is null && flow.From.Kind != FlowOriginKind.ThisHost)
        {
            var origin = await AddressesAsync(IPAddress.TryParse(flow.From.Host, out var literal) ? literal : null, flow.From.Host!, cancellationToken).ConfigureAwait(false);
            from = origin.FirstOrDefault(a => a.AddressFamily == destination.AddressFamily);
            if (from is null)
            {
                return new FlowOutcome(flow, FlowStatus.CouldNotRun, null,
                    $"{flow.From.Host} has no {(destination.AddressFamily == AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4")} address here: give the flow a source: address", "offline", Ms(clock));
            }
        }

        if (from is null)
        {
            var route = await new SystemReader(source).RouteGetAsync(destination, cancellationToken).ConfigureAwait(false);
            from = route.PreferredSource;
            if (from is null)
            {
                return new FlowOutcome(flow, FlowStatus.CouldNotRun, null,
                    $"this host has no route (and so no source address) towards {destination}: give the flow a source: address", "offline", Ms(clock));
            }
        }

        if (from.AddressFamily != destination.AddressFamily)
        {
            return new FlowOutcome(flow, FlowStatus.CouldNotRun, null, $"source {from} and {destination} are of different address families", "offline", Ms(clock));
        }

        var (report, _) = await LocalCheck.RunAsync(flow.To.Port, "tcp", from, destination, source, proposed, cancellationToken).ConfigureAwait(false);
        var via = $"offline: reach local {flow.To.Port} --from {from} --to {destination} on {host}";
        return FlowOutcome.Judge(flow, report, via, Ms(clock), serverSide: true);
    }

    private static async Task<IReadOnlyList<IPAddress>> AddressesAsync(IPAddress? literal, string host, CancellationToken cancellationToken)
    {
        if (literal is not null)
        {
            return [literal];
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            return await Dns.GetHostAddressesAsync(host, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or ArgumentException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return [];
        }
    }

    private static double Ms(Stopwatch clock) => Math.Round(clock.Elapsed.TotalMilliseconds, 1);
}
