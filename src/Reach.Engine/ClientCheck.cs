using Reach.Core.Assessment;
using Reach.Core.Diagnosis;
using Reach.Core.Fixes;
using Reach.Core.Model;
using Reach.Core.Paths;
using Reach.Core.Targets;
using Reach.Readers;
using Reach.Readers.Sources;

using Reach.Core.Text;

namespace Reach.Engine;

/// <summary>`reach check`'s whole job without the rendering: observe, assess, diagnose.</summary>
public static class ClientCheck
{
    public static Task<Report> RunAsync(Target target, ProbeOptions options, ISystemSource source, CancellationToken cancellationToken) =>
        RunAsync(target, options, source, ProbeSet.Live, cancellationToken);

    /// <summary>As above, with the probes and the clock given (scripted ones in tests).</summary>
    internal static async Task<Report> RunAsync(Target target, ProbeOptions options, ISystemSource source, ProbeSet probes, CancellationToken cancellationToken)
    {
        var observations = await new ClientChecker(new SystemReader(source), options, probes).ObserveAsync(target, cancellationToken).ConfigureAwait(false);
        // For the fix's commands: the distribution and tools, and what the configuration says the interfaces should have (files only).
        observations = observations with { Host = HostFactsReader.Read(source), Configured = InterfaceConfigReader.Read(source) };
        var findings = ClientAssessment.Assess(observations);
        var (verdict, problems) = Diagnoser.Diagnose(
            findings,
            Message.Of("verdict.ok.check", ("host", target.Host), ("port", $"{target.Port}")),
            // Raw sockets (the SYN's answer TTL, a fresh ARP request) are what an unprivileged run lacks.
            Message.Of(Environment.IsPrivilegedProcess ? "verdict.inconclusive.fix" : "verdict.inconclusive.fix.unprivileged"));
        var actions = ClientFixes.For(verdict, observations);
        verdict = verdict with
        {
            Actions = actions,
            Fix = ClientFixes.Note(verdict, observations, actions) is { } stops ? Message.Of("fix.with-note").With("fix", verdict.Fix).With("note", stops) : verdict.Fix,
        };

        // Every address in the applications' order, each with its outcome; a failing first address stays
        // the verdict, and the verdict says when another one gets through (AddressChoice).
        var outcomes = AddressChoice.All(observations);
        if (AddressChoice.NoteText(observations, verdict) is { } note)
        {
            // The sentences of en.json end without a full stop, a few with one: the note's full stop follows the English.
            var ends = Catalog.English.Format(verdict.Summary).TrimEnd().EndsWith('.');
            var summary = Message.Of("verdict.with-note", ("dot", ends ? string.Empty : "."))
                .With("summary", verdict.Summary)
                .With("note", note);
            verdict = verdict with { Summary = summary };
        }

        var info = new TargetInfo(target.Input, target.Host, target.Port, outcomes.Select(x => x.Address).ToList())
        {
            AddressOutcomes = outcomes.Count > 1 ? [.. outcomes.Select(AddressResult.From)] : [],
        };
        return new Report(info, verdict, findings, problems)
        {
            Path = PathBuilder.Build(observations, verdict),
            // Who answered this host's TCP trace, the target aside: the join names the last when the server saw no SYN.
            TracedRouters = [.. observations.Trace?.Hops.Select(h => h.From).OfType<System.Net.IPAddress>().Where(a => !info.Addresses.Contains(a)) ?? []],
        };
    }
}
