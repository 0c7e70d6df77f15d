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
        var addresses = observations.Address is { } a ? new[] { a } : [];
        return new Report(new TargetInfo(target.Input, target.Host, target.Port, addresses), verdict, findings, problems) { Path = PathBuilder.Build(observations, verdict) };
    }
}
