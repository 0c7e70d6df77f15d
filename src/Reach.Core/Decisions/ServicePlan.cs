using System.Globalization;
using System.Net;
using Reach.Core.Observations;
using Reach.Core.Text;

namespace Reach.Core.Decisions;

/// <summary>
/// Decisions about a service address: whether this host's own nat OUTPUT translates the client's SYN,
/// where each branch sends it, and which backend decides the verdict.
/// </summary>
public static class ServicePlan
{
    /// <summary>
    /// The backends the traced OUTPUT path sends a new connection to, or null when no branch translates
    /// the destination (the plain case: the address is the server). Branches that end at the same
    /// backend are one backend with their chances summed; a branch whose translated address is not known
    /// (a NAT range) is left out, since there is nothing to probe.
    /// </summary>
    public static ServiceTranslation? Backends(IReadOnlyList<FirewallTrace> traces, IPEndPoint service)
    {
        ArgumentNullException.ThrowIfNull(traces);
        ArgumentNullException.ThrowIfNull(service);
        IPEndPoint? Where(FirewallTrace t) => t.Translations.Count == 0
            ? service
            : t.Destination is { } d ? new IPEndPoint(d, t.DestinationPort ?? service.Port) : null;

        if (!traces.Any(t => Where(t) is { } e && !e.Equals(service)))
        {
            return null;
        }

        var backends = traces.Select(t => (Trace: t, Endpoint: Where(t)))
            .Where(x => x.Endpoint is not null)
            .GroupBy(x => x.Endpoint!)
            .Select(g => new ServiceBackend(g.Key, g.Sum(x => x.Trace.Probability), [.. g.SelectMany(x => x.Trace.Translations).Distinct()]))
            .ToList();
        return new ServiceTranslation(service, backends, backends[0].Endpoint);
    }

    /// <summary>
    /// With each backend's SYN answered: the one to probe in full is the first that did not accept (its
    /// failure is what 1 in N connections meet), else the first. Deterministic, so the verdict does not
    /// flip with the kernel's random choice.
    /// </summary>
    public static ServiceTranslation WithAnswers(ServiceTranslation service, IReadOnlyList<TcpOutcome?> connects)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(connects);
        var backends = service.Backends.Select((b, i) => b with { Connect = i < connects.Count ? connects[i] : null }).ToList();
        var failing = backends.FirstOrDefault(b => b.Connect is { Result: not TcpResult.Open });
        return service with { Backends = backends, Probed = (failing ?? backends[0]).Endpoint };
    }

    /// <summary>"1 in 2 connections" for kube-proxy's even split, "30 % of connections" for an uneven one, "every connection" for all.</summary>
    public static Message Share(double probability)
    {
        if (probability >= 0.9995)
        {
            return Message.Of("port.service.share.every");
        }

        var n = 1 / probability;
        return Math.Abs(n - Math.Round(n)) < 0.01
            ? Message.Of("port.service.share.one-in", ("n", string.Create(CultureInfo.InvariantCulture, $"{Math.Round(n):0}")))
            : Message.Of("port.service.share.percent", ("percent", string.Create(CultureInfo.InvariantCulture, $"{probability * 100:0.#}")));
    }
}
