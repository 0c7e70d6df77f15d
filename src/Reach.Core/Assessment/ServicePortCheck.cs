using Reach.Core.Decisions;
using Reach.Core.Model;
using Reach.Core.Observations;
using Reach.Core.Text;

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
            ? Message.Of("port.service.one", ("service", s.Service.ToString())).With("backend", Route(s, decisive))
            : Message.Of("port.service.many", ("service", s.Service.ToString()), ("count", Words.Number(s.Backends.Count)));
        if (probed.Status == CheckStatus.Pass && failing.Count == 0)
        {
            var summary = s.Backends.Count == 1
                ? Message.Of("port.service.ok.one").With("translated", translated).With("probed", probed.Summary)
                : Message.Of("port.service.ok.many").With("translated", translated).With("each", Semicolons(s.Backends.Select(b => Each(s, b))));
            return probed with { Summary = summary, Evidence = evidence };
        }

        // The deciding backend's own verdict, said for the share of connections that meet it.
        var others = failing.Where(b => !b.Equals(decisive))
            .Select(b => Message.Of("port.service.each.answered", ("backend", b.Endpoint.ToString()), ("answer", b.Connect!.Describe())).With("share", ServicePlan.Share(b.Probability)))
            .ToList();
        var failed = (s.Backends.Count == 1
                ? Message.Of("port.service.failed.one")
                : Message.Of("port.service.failed.many").With("share", ServicePlan.Share(decisive.Probability)).With("backend", Route(s, decisive)))
            .With("translated", translated)
            .With("probed", probed.Summary)
            .With("others", others.Count == 0 ? null : Message.Of("port.service.failed.others").With("list", Semicolons(others)));
        var fix = probed.Fix is { } probedFix && s.Backends.Count > 1
            ? Message.Of("port.service.fix", ("service", s.Service.ToString()), ("backend", decisive.Endpoint.ToString()))
                .With("fix", probedFix).With("share", ServicePlan.Share(decisive.Probability))
            : probed.Fix;
        return probed with { Summary = failed, Fix = fix, Evidence = evidence };
    }

    /// <summary>"10.1.2.5:80 (1 in 2 connections): SYN-ACK in 0.2 ms", or without the answer when the backend was not asked on its own.</summary>
    private static Message Each(ServiceTranslation s, ServiceBackend b) => (b.Connect is { } c
            ? Message.Of("port.service.each.answered", ("answer", c.Describe()))
            : Message.Of("port.service.each"))
        .With("backend", Route(s, b)).With("share", ServicePlan.Share(b.Probability));

    /// <summary>"10.1.2.5:80 (10.96.0.10:80 → 10.1.2.5:80 by nat/KUBE-SEP-… rule 2)", or the backend alone when nothing translated it.</summary>
    private static Message Route(ServiceTranslation s, ServiceBackend b) => b.Translations.Count == 0
        ? Message.Of("port.service.backend.untranslated", ("endpoint", b.Endpoint.ToString()))
        : Message.Of("port.service.backend", ("endpoint", b.Endpoint.ToString()), ("translations", string.Join(", then ", b.Translations)));

    /// <summary>Items joined with "; ", as nested messages so that each item stays in the reader's language.</summary>
    private static Message Semicolons(IEnumerable<Message> items) =>
        items.Reverse().Aggregate((Message?)null, (rest, item) => rest is null ? item : Message.Of("port.service.list").With("first", item).With("rest", rest))!;
}
