using System.Net;
using Reach.Core.Assessment;
using Reach.Core.Diagnosis;
using Reach.Core.Model;
using Reach.Core.Observations;
using Reach.Readers;
using Reach.Readers.Sources;

namespace Reach.Engine;

/// <summary>`reach local`'s whole job without the rendering: observe, assess, diagnose.</summary>
public static class LocalCheck
{
    public static async Task<(Report Report, LocalObservations Observations)> RunAsync(int port, string protocol, IPAddress? from, ISystemSource source, CancellationToken cancellationToken)
    {
        var observations = await new LocalChecker(new SystemReader(source)).ObserveAsync(port, protocol, from, cancellationToken).ConfigureAwait(false);
        var findings = LocalAssessment.Assess(observations);
        var (verdict, problems) = Diagnoser.Diagnose(findings, $"{protocol}/{port} is served here and the firewall lets {observations.Client} in");
        var input = $"{port}/{protocol}";
        var report = new Report(new TargetInfo(input, observations.LocalAddress.ToString(), port, [observations.LocalAddress]), verdict, findings, problems);
        return (report, observations);
    }
}
