using Reach.Core.Decisions;
using Reach.Core.Model;
using Reach.Core.Observations;

namespace Reach.Core.Assessment;

/// <summary>
/// The port check for a service address this host's own nat OUTPUT translates (a kube-proxy ClusterIP,
/// Docker's published port): the kernel picks a backend per connection, so the verdict rests on every
/// backend's answer, and a failing one is named with its branch, since that share of connections fails.
/// </summary>
internal static class ServicePortCheck
{
    public static Finding Assess(ServiceTranslation s, Finding probed)
    {
        var evidence = new List<Evidence>();
        foreach (var b in s.Backends)
        {
            evidence.Add(new Evidence("service translation", $"{Route(s, b)}: {ServicePlan.Share(b.Probability)}"));
            if (b.Connect is { } c)
            {
                evidence.Add(new Evidence($"tcp connect {b.Endpoint} (backend)", c.Describe()));
            }
        }

        evidence.AddRange(probed.Evidence);
        var failing = s.Backends.Where(b => b.Connect is { Result: not TcpResult.Open }).ToList();
        var decisive = s.Backends.First(b => b.Endpoint.Equals(s.Probed));
        var translated = s.Backends.Count == 1
            ? $"this host's nat OUTPUT translates {s.Service} to {Route(s, decisive)}"
            : $"this host's nat OUTPUT sends each connection to {s.Service} to one of {s.Backends.Count} backends at random";
        if (probed.Status == CheckStatus.Pass && failing.Count == 0)
        {
            var each = string.Join("; ", s.Backends.Select(b => $"{Route(s, b)} ({ServicePlan.Share(b.Probability)}){(b.Connect is { } c ? $": {c.Describe()}" : string.Empty)}"));
            return probed with
            {
                Summary = s.Backends.Count == 1
                    ? $"{translated}, and it accepts connections: {probed.Summary}"
                    : $"{translated}, and every one accepts connections: {each}",
                Evidence = evidence,
                SummaryText = null,
            };
        }

        // The deciding backend's own verdict, said for the share of connections that meet it.
        var others = failing.Where(b => !b.Equals(decisive)).Select(b => $"{b.Endpoint} ({ServicePlan.Share(b.Probability)}): {b.Connect!.Describe()}").ToList();
        var also = others.Count == 0 ? string.Empty : $"; other failing backends: {string.Join("; ", others)}";
        var branch = s.Backends.Count == 1
            ? $"{translated}: "
            : $"{translated}; {ServicePlan.Share(decisive.Probability)} go to {Route(s, decisive)}: ";
        var fix = probed.Fix is null || s.Backends.Count == 1
            ? probed.Fix
            : $"{probed.Fix} Until then {ServicePlan.Share(decisive.Probability)} to {s.Service} fail: take {decisive.Endpoint} out of the service's endpoints (for kube-proxy, a failing readiness probe does it).";
        return probed with
        {
            Summary = branch + probed.Summary + also,
            Fix = fix,
            Evidence = evidence,
            SummaryText = null,
            FixText = null,
        };
    }

    /// <summary>"10.1.2.5:80 (10.96.0.10:80 → 10.1.2.5:80 by nat/KUBE-SEP-… rule 2)", or the backend alone when nothing translated it.</summary>
    private static string Route(ServiceTranslation s, ServiceBackend b) => b.Translations.Count == 0
        ? $"{b.Endpoint} (not translated)"
        : $"{b.Endpoint} ({string.Join(", then ", b.Translations)})";
}
