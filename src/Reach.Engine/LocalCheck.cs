using System.Net;
using Reach.Core.Assessment;
using Reach.Core.Diagnosis;
using Reach.Core.Fixes;
using Reach.Core.Model;
using Reach.Core.Observations;
using Reach.Readers;
using Reach.Readers.Sources;

using Reach.Core.Text;

namespace Reach.Engine;

/// <summary>`reach local`'s whole job without the rendering: observe, assess, diagnose.</summary>
public static class LocalCheck
{
    public static Task<(Report Report, LocalObservations Observations)> RunAsync(int port, string protocol, IPAddress? from, ISystemSource source, CancellationToken cancellationToken) =>
        RunAsync(port, protocol, from, null, source, cancellationToken);

    /// <param name="to">The address the client connects to (a secondary address, a service IP); null: this host's address towards the client.</param>
    public static Task<(Report Report, LocalObservations Observations)> RunAsync(int port, string protocol, IPAddress? from, IPAddress? to, ISystemSource source, CancellationToken cancellationToken) =>
        RunAsync(port, protocol, from, to, source, null, cancellationToken);

    /// <param name="proposed">A ruleset to evaluate instead of this host's (`--ruleset`): its rules are traced, and the
    /// host's interfaces, listeners and routes come from its snapshot, or from <paramref name="source"/>.</param>
    public static async Task<(Report Report, LocalObservations Observations)> RunAsync(int port, string protocol, IPAddress? from, IPAddress? to, ISystemSource source, ProposedRuleset? proposed, CancellationToken cancellationToken)
    {
        var host = proposed?.HostSource(source) ?? source;
        var checker = new LocalChecker(new SystemReader(host), proposed?.Rules, proposed?.Snapshot is not null);
        var observations = await checker.ObserveAsync(port, protocol, from, to, cancellationToken).ConfigureAwait(false);
        if (proposed is null)
        {
            // A proposed ruleset has no live counters to settle a rate limit by: its limits stay undecided.
            observations = await checker.SettleRatesAsync(observations, waitFirst: true, cancellationToken).ConfigureAwait(false);
        }

        return (Report(observations), observations);
    }

    /// <summary>Assess and diagnose what was observed: the report of `reach local`.</summary>
    public static Report Report(LocalObservations observations)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var findings = LocalAssessment.Assess(observations);
        var (verdict, problems) = Diagnoser.Diagnose(
            findings,
            Message.Of("verdict.ok.local", ("protocol", observations.Protocol), ("port", $"{observations.Port}"), ("client", $"{observations.Client}")),
            Message.Of("verdict.inconclusive.fix.local"));

        verdict = verdict with { Actions = LocalFixes.For(verdict, observations) };
        var input = $"{observations.Port}/{observations.Protocol}";
        return new Report(new TargetInfo(input, observations.LocalAddress.ToString(), observations.Port, [observations.LocalAddress]), verdict, findings, problems);
    }
}
