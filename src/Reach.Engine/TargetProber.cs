using System.Globalization;
using System.Net;
using Reach.Core.Observations;
using Reach.Core.Decisions;
using Reach.Core.Text;

namespace Reach.Engine;

/// <summary>
/// Asks the target, spending as little of everyone's ICMP budget as the answer allows: an echo and one
/// SYN first; a second SYN a token interval later when the target answers ping but the SYN is silent;
/// a trace only when both stay silent; and a longer listen only when the silence starts right after a
/// router that may still be resolving the target's address. A healthy path costs one round trip.
/// </summary>
internal sealed class TargetProber(IProbes probes, ProbeOptions options, TimeProvider time)
{
    /// <summary>When set, the first SYN also asks the port's protocol something once it opens (port.no-data); null: the SYN alone.</summary>
    public IConversationProbes? Conversation { get; init; }

    /// <summary>When set, a silent target gets one SYN beside it too: when the silence starts right after a router, does that router forward anything there (<see cref="ForwardingProbe"/>)?</summary>
    public bool AsksForwarding { get; init; }

    /// <param name="egressMtu">The MTU of the interface the kernel sends through: big probes of that size test the path MTU.</param>
    public async Task<TargetProbes> ProbeAsync(IPEndPoint endpoint, double? gatewayRttMs, int? egressMtu, CancellationToken cancellationToken)
    {
        var clock = new Clock(time);
        var waits = new List<Message>();

        // Every probe may live as long as a late ICMP can take; the plan below ends them sooner.
        var longest = options.Timeout > ProbeTiming.LateIcmpWindow ? options.Timeout : ProbeTiming.LateIcmpWindow;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var stopTrace = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
        var ping = EchoAsync(endpoint.Address, longest, stop.Token);
        var conversation = Conversation?.ConverseAsync(endpoint, longest, options.Timeout, stop.Token, cancellationToken);
        var syns = new List<Task<TcpOutcome>> { conversation is null ? probes.ConnectAsync(endpoint, longest, null, true, stop.Token) : SynOf(conversation) };
        Task<TraceOutcome>? trace = null;
        TcpOutcome? firstHopAgain = null;
        using var stopForwarding = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<TcpOutcome>? beside = null;

        // Big packets are asked about alongside: on a healthy path the big echo is back within the round
        // trip, so it costs no time; its answer only matters once the handshake works (a PMTU black hole
        // lets the handshake through and swallows the big response).
        using var stopMtu = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pathMtu = egressMtu is { } mtu ? probes.PathMtuAsync(endpoint.Address, mtu, options.Timeout, stopMtu.Token) : null;

        // 1. Until a short silence: most answers come within a round trip.
        var traceAt = ProbeTiming.SilenceWait(gatewayRttMs, options.Timeout);
        await Task.WhenAny(syns[0], ping, Until(clock, traceAt, cancellationToken)).ConfigureAwait(false);
        if (!syns[0].IsCompleted && !PingExplains(ping))
        {
            // 2. Both silent: a trace tells where the silence starts, while the SYN and the echo go on waiting.
            if (!ping.IsCompleted || !ping.Result.Replied)
            {
                trace = new TraceRunner(probes, options, time).RunAsync(endpoint, gatewayRttMs, null, stopTrace.Token);

                // One SYN beside the target, alongside the trace: if the silence turns out to start right after a
                // router, its answer tells whether that router forwards anything there (4. below). Sent now, its
                // answer (the router's neighbour resolution, ~3 s) is in by the time the late window closes.
                if (AsksForwarding && ForwardingProbe.Beside(endpoint.Address, null) is { } address)
                {
                    beside = probes.ConnectAsync(new IPEndPoint(address, endpoint.Port), ForwardingProbe.Wait, null, false, stopForwarding.Token);
                }
            }

            await Task.WhenAny(syns[0], WhenExplained(ping, stop.Token), Until(clock, options.Timeout, cancellationToken)).ConfigureAwait(false);
        }

        if (!syns[0].IsCompleted && ping.IsCompleted && ping.Result.Replied)
        {
            // The target is up and the SYN silent: a DROP, or a REJECT whose ICMP a rate limit swallowed
            // (the target's, or a router's on the way): a second SYN asks again once a token has refilled.
            await stopTrace.CancelAsync().ConfigureAwait(false);
            trace = null;

            // The echo may simply have beaten the SYN-ACK: give the SYN ten echo round trips before calling it silent.
            await Task.WhenAny(syns[0], Task.Delay(ProbeTiming.ConfirmWait(ping.Result.Ms, options.Timeout), time, cancellationToken)).ConfigureAwait(false);
            await Task.WhenAny(syns[0], Until(clock, ProbeTiming.IcmpTokenInterval, cancellationToken)).ConfigureAwait(false);
            if (!syns[0].IsCompleted)
            {
                options.Status?.Invoke(Message.Of("progress.confirming-syn"));
                syns.Add(probes.ConnectAsync(endpoint, longest, null, true, stop.Token));
                var confirm = ProbeTiming.ConfirmWait(ping.Result.Ms, options.Timeout);
                await Task.WhenAny(Task.WhenAny(syns), Task.Delay(confirm, time, cancellationToken)).ConfigureAwait(false);
                waits.Add(Message.Of("port.part.wait.second-syn",
                    ("seconds", ProbeTiming.IcmpTokenInterval.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)),
                    ("ms", confirm.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture))));
            }

            // Only when every SYN stayed silent, a trace that stops before the target shows how far the SYN
            // gets. Not sooner: its time-exceeded messages spend the routers' ICMP budget (one token a second
            // per destination), and a router whose REJECT answers the confirming SYN must still have one.
            if (!syns.Any(s => s.IsCompleted && s.Result.Result != TcpResult.Silent) && AnswerOrigin.TargetHops(ping.Result) is > 1 and var hops)
            {
                var traced = await new TraceRunner(probes, options, time).RunAsync(endpoint, gatewayRttMs, hops, cancellationToken).ConfigureAwait(false);
                trace = Task.FromResult(traced);
            }
        }
        else if (!syns[0].IsCompleted && trace is not null)
        {
            // 3. Everything silent at the timeout: does the silence start right after a router? Then that
            // router may still be resolving the target's address, and its host-unreachable is still to come.
            var traced = await trace.ConfigureAwait(false);
            var firstHopSilent = gatewayRttMs is not null && traced.Hops is [{ Ttl: 1, Silent: true }, ..];
            if ((firstHopSilent || TracePlan.SilenceFollowsARouter(traced, gatewayRttMs is not null)) && clock.Elapsed < ProbeTiming.LateIcmpWindow)
            {
                var left = ProbeTiming.LateIcmpWindow - clock.Elapsed;
                var seconds = left.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
                options.Status?.Invoke(traced.LastAnswering?.From is { } from
                    ? Message.Of("progress.late-unreachable", ("seconds", seconds), ("router", from.ToString()))
                    : Message.Of("progress.late-unreachable.gateway", ("seconds", seconds)));
                await Task.WhenAny(syns[0], WhenExplained(ping, stop.Token), Until(clock, ProbeTiming.LateIcmpWindow, cancellationToken)).ConfigureAwait(false);
                var late = Message.Of("route.part.wait.late-unreachable", ("seconds", ProbeTiming.LateIcmpWindow.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)));
                waits.Add(traced.LastAnswering?.From is { } answered ? late.With("router", answered.ToString()) : late.With("router", Message.Of("route.part.the-gateway")));
            }

            var synAnswered = syns[0].IsCompletedSuccessfully && syns[0].Result.Result != TcpResult.Silent;
            if (firstHopSilent && gatewayRttMs is { } gatewayRtt && !synAnswered && !PingExplains(ping))
            {
                // The gateway answers ping, yet no time-exceeded came for TTL 1 and nothing came late either
                // (a gateway still resolving the target's address answers host-unreachable by now): a router
                // that does not forward sends none, but its ICMP rate limit may have swallowed it too (also a
                // no-route error: the route lookup comes before the TTL). Every packet of ours through the
                // gateway may spend its budget, so the SYN and the echoes (the big ones of the path MTU too)
                // stop first and the TTL=1 SYN asks alone, once refilled.
                await stop.CancelAsync().ConfigureAwait(false);
                await stopMtu.CancelAsync().ConfigureAwait(false);
                firstHopAgain = await FirstHopAgainAsync(endpoint, gatewayRtt, cancellationToken).ConfigureAwait(false);
            }
        }

        // 4. Still silent after a router, which sent no late host-unreachable either: does it forward anything
        // towards the target? Its FORWARD chain dropping and the target's INPUT chain dropping look alike so far.
        RouterForwarding? forwarded = null;
        if (beside is not null && !syns.Any(s => s.IsCompleted && s.Result.Result != TcpResult.Silent) && !PingExplains(ping)
            && ForwardingProbe.RouterBeforeSilence(await trace!.ConfigureAwait(false), firstHopAgain) is { } router)
        {
            if (!beside.IsCompleted)
            {
                options.Status?.Invoke(Message.Of("progress.forwarding", ("router", router.ToString()), ("target", endpoint.Address.ToString())));
            }

            var asked = await beside.ConfigureAwait(false);
            forwarded = Equals(asked.Target.Address, router) ? null : new RouterForwarding(router, asked);
        }
        else if (beside is not null)
        {
            await stopForwarding.CancelAsync().ConfigureAwait(false);
            await ((Task)beside).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        if (!syns[0].IsCompleted && ping.IsCompleted && ping.Result.Icmp is not null)
        {
            // The echo's ICMP error names who stopped it; the SYN's own copy is usually a moment behind.
            await Task.WhenAny(syns[0], Task.Delay(ProbeTiming.MinConfirmWait, time, cancellationToken)).ConfigureAwait(false);
        }

        // An answered SYN proves the route; the echo is only evidence then, not worth a timeout (hosts that
        // drop echo are common). What answers does so within about the handshake's round trip.
        var decisive = syns.FirstOrDefault(s => s.IsCompleted && s.Result.Result != TcpResult.Silent) ?? syns[0];
        if (decisive.IsCompleted && !ping.IsCompleted)
        {
            var grace = TimeSpan.FromMilliseconds(Math.Clamp(decisive.Result.Ms * 2, 5, 100));
            await Task.WhenAny(ping, Task.Delay(grace, time, cancellationToken)).ConfigureAwait(false);
        }

        await stop.CancelAsync().ConfigureAwait(false);
        var outcomes = await Task.WhenAll(syns).ConfigureAwait(false);
        var connect = outcomes.FirstOrDefault(o => o.Result != TcpResult.Silent) ?? outcomes[0];
        var traceOutcome = trace is null ? null : await trace.ConfigureAwait(false);
        var echo = await ping.ConfigureAwait(false);

        PathMtuOutcome? pathMtuOutcome = null;
        if (pathMtu is not null)
        {
            if (connect.Result != TcpResult.Open)
            {
                await stopMtu.CancelAsync().ConfigureAwait(false);
            }
            else if (!pathMtu.IsCompleted)
            {
                options.Status?.Invoke(Message.Of("progress.path-mtu"));
            }

            var measured = await pathMtu.ConfigureAwait(false);
            pathMtuOutcome = connect.Result == TcpResult.Open ? measured : null;
        }

        // An RST that travelled fewer hops than the target's echo reply was forged on the way: find the
        // router at that distance with a short trace that stops before the target.
        if (traceOutcome is null && AnswerOrigin.ForgedResetHop(connect, echo) is not null)
        {
            traceOutcome = await new TraceRunner(probes, options, time).RunAsync(endpoint, gatewayRttMs, AnswerOrigin.TargetHops(echo), cancellationToken).ConfigureAwait(false);
        }

        // What crossed the connection the first SYN opened: a handshake alone proves nothing about data.
        var data = conversation is not null && ReferenceEquals(connect, outcomes[0]) && connect.Result == TcpResult.Open && (await conversation.ConfigureAwait(false)).Data is { } asking
            ? await asking.ConfigureAwait(false)
            : null;
        return new TargetProbes(echo, connect, outcomes, traceOutcome, waits, pathMtuOutcome) { Data = data, FirstHopAgain = firstHopAgain, Forwarding = forwarded };
    }

    /// <summary>
    /// One more TTL=1 SYN, sent alone once the gateway's ICMP budget has refilled: a time-exceeded (or a
    /// net-unreachable) now proves it forwards; silence again, that it does not. The wait is two tokens
    /// (<see cref="ProbeTiming.IcmpTokenInterval"/> each) after our last packet through it: Linux charges a
    /// no-route error twice to the same peer's bucket (ip_error's own limit, then icmp_send's).
    /// </summary>
    private async Task<TcpOutcome> FirstHopAgainAsync(IPEndPoint endpoint, double gatewayRttMs, CancellationToken cancellationToken)
    {
        await Task.Delay(2 * ProbeTiming.IcmpTokenInterval, time, cancellationToken).ConfigureAwait(false);
        return await probes.ConnectAsync(endpoint, ProbeTiming.SilenceWait(gatewayRttMs, options.Timeout), 1, false, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<TcpOutcome> SynOf(Task<TcpConversation> conversation) => (await conversation.ConfigureAwait(false)).Syn;

    /// <summary>
    /// Echo requests at 0, 300 ms and 1 s until one is answered (a reply or an ICMP error): one lost echo on
    /// a lossy path must not make a live target look dead (its SYN's silence would then read as a dead path,
    /// not a DROP). Echo replies are not rate-limited (icmp_ratemask), so the repeats cost nothing there; a
    /// healthy target answers the first and the others are never sent.
    /// </summary>
    private async Task<PingOutcome> EchoAsync(IPAddress target, TimeSpan longest, CancellationToken stop)
    {
        using var answered = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var sends = EchoSchedule.Select(at => SendAtAsync(at)).ToList();
        var pending = sends.ToList();
        while (pending.Count > 0)
        {
            var done = await Task.WhenAny(pending).ConfigureAwait(false);
            pending.Remove(done);
            if (done.Result is { } outcome && (outcome.Replied || outcome.Icmp is not null))
            {
                await answered.CancelAsync().ConfigureAwait(false);
                await Task.WhenAll(pending).ConfigureAwait(false);
                return outcome;
            }
        }

        return sends[0].Result!;

        async Task<PingOutcome?> SendAtAsync(TimeSpan at)
        {
            await Task.Delay(at, time, answered.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            return answered.IsCancellationRequested && at > TimeSpan.Zero ? null : await probes.PingAsync(target, longest - at, answered.Token).ConfigureAwait(false);
        }
    }

    private static readonly TimeSpan[] EchoSchedule = [TimeSpan.Zero, TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(1000)];

    /// <summary>An echo outcome that ends the wait: a reply (the target is up), or an ICMP error naming who stopped it.</summary>
    private static bool PingExplains(Task<PingOutcome> ping) =>
        ping.IsCompletedSuccessfully && (ping.Result.Replied || ping.Result.Icmp is not null);

    private async Task WhenExplained(Task<PingOutcome> ping, CancellationToken stop)
    {
        var outcome = await ping.ConfigureAwait(false);
        if (!outcome.Replied && outcome.Icmp is null)
        {
            // Silent or not permitted: nothing to react to; the other waits decide (and end this one).
            await Task.Delay(Timeout.InfiniteTimeSpan, time, stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private Task Until(Clock clock, TimeSpan at, CancellationToken cancellationToken)
    {
        var left = at - clock.Elapsed;
        return left <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(left, time, cancellationToken);
    }
}
