using Reach.Core.Assessment;
using Reach.Core.Diagnosis;
using Reach.Core.Model;
using Reach.Core.Paths;
using Reach.Core.Targets;
using Reach.Readers;
using Reach.Readers.Sources;

namespace Reach.Engine;

/// <summary>`reach check`'s whole job without the rendering: observe, assess, diagnose.</summary>
public static class ClientCheck
{
    public static async Task<Report> RunAsync(Target target, ProbeOptions options, ISystemSource source, CancellationToken cancellationToken)
    {
        var observations = await new ClientChecker(new SystemReader(source), options).ObserveAsync(target, cancellationToken).ConfigureAwait(false);
        var findings = ClientAssessment.Assess(observations);
        var (verdict, problems) = Diagnoser.Diagnose(findings, $"{target.Host} port {target.Port} is reachable: every layer answers");
        // Every address in the applications' order, each with its outcome; a failing first address stays
        // the verdict, and the verdict says when another one gets through (AddressChoice).
        var outcomes = AddressChoice.All(observations);
        if (AddressChoice.Note(observations, verdict) is { } note)
        {
            verdict = verdict with { Summary = $"{verdict.Summary.TrimEnd()}{(verdict.Summary.TrimEnd().EndsWith('.') ? string.Empty : ".")} {note}" };
        }

        var info = new TargetInfo(target.Input, target.Host, target.Port, outcomes.Select(x => x.Address).ToList())
        {
            AddressOutcomes = outcomes.Count > 1 ? outcomes : [],
        };
        return new Report(info, verdict, findings, problems) { Path = PathBuilder.Build(observations, verdict) };
    }
}
