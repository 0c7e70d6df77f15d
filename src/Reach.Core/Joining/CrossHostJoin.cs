using System.Net;
using Reach.Core.Diagnosis;
using Reach.Core.Model;
using Reach.Core.Text;

namespace Reach.Core.Joining;

/// <summary>
/// Both ends in, one verdict out. Pure: the local report and what the remote ends answered.
///
/// The server end settles what this host can only guess: from here a DROP rule and a dead path look the
/// same (silence), a REJECT and a closed port nearly so, and a server with no route back looks like a
/// filter. So when this host's verdict rests on the far side (route or port layer, or inconclusive), a
/// server verdict that proves a cause there (listener.*, firewall.* with the server's own state that drops
/// packets: a full accept queue or conntrack table, a rate limit; route.no-return, route.rp-filter) replaces it, and a
/// server that saw no SYN at all turns it into route.unreachable: the loss is on the path. A verdict at a
/// lower layer (link, interface, this host's own firewall, gateway, DNS) stands: the packets never got far.
/// A neighbour (--compare) never changes the code; the summary says whether it gets through. Which
/// verdict wins is <see cref="Precedence.Join"/>'s rule; this class says it.
/// </summary>
public static class CrossHostJoin
{
    public static Report Join(Report local, IReadOnlyList<RemoteEnd> remotes)
    {
        var verdict = local.Verdict;
        var problems = local.Problems.ToList();
        if (remotes.FirstOrDefault(r => r.Role == RemoteRole.Server && r.Report is not null) is { Report: { } server } serverEnd)
        {
            var host = serverEnd.Host;
            var winner = Precedence.Join(verdict.Code, verdict.Layer, server.Verdict.Code, NoSynArrived(server));
            if (winner == JoinWinner.Server)
            {
                // The server's sentences come from its JSON report (always English, verbatim messages): they stay as it said them.
                var proves = Message.Of("join.server-proves.summary", ("host", host), ("code", $"{local.Verdict.Code}")).With("summary", server.Verdict.Summary);
                var onHost = Message.Of("join.server-proves.fix", ("host", host)).With("fix", server.Verdict.Fix);
                verdict = server.Verdict with { Summary = proves, Fix = onHost };
                problems.AddRange(server.Problems);
            }
            else if (winner == JoinWinner.LossOnPath)
            {
                var last = LastRouter(local);
                var lastText = last is null ? Message.Of("join.no-syn.no-router") : Message.Of("join.no-syn.last-router", ("router", $"{last}"));
                var summary = Message.Of("join.no-syn.summary", ("host", host)).With("last", lastText);
                var fix = last is null
                    ? Message.Of("join.no-syn.fix.first", ("host", host))
                    : Message.Of("join.no-syn.fix.last", ("router", $"{last}"), ("host", host));
                verdict = new Verdict(Codes.RouteUnreachable, Layer.Route, summary, fix);
                problems.Add(Codes.RouteUnreachable);
            }
        }

        foreach (var neighbour in remotes.Where(r => r.Role == RemoteRole.Compare && r.Report is not null))
        {
            var said = Message.Of("join.compare").With("summary", verdict.Summary).With("compare", CompareText(local, neighbour));
            verdict = verdict with { Summary = said };
        }

        // The picture follows the verdict: a cause the server proves is drawn at the target, a loss before it on the link.
        // The server's own words are drawn beside the target (its lane): here, only say whose proof it is.
        var serverLabel = remotes.FirstOrDefault(r => r.Role == RemoteRole.Server && r.Report is not null) is { } proving && Precedence.ServerProofs.Contains(verdict.Code)
            ? Message.Of("path.proven-by", ("host", proving.Host))
            : null;
        return local with
        {
            Verdict = verdict,
            Problems = problems.Distinct().ToList(),
            Path = Paths.CrossHostPath.Remark(local.Path, local.Verdict, verdict, serverLabel),
        };
    }

    /// <summary>The sentence that puts a neighbour's result beside this host's.</summary>
    public static string Compare(Report local, RemoteEnd neighbour) => Catalog.English.Format(CompareText(local, neighbour));

    /// <summary>As <see cref="Compare"/>, as a message.</summary>
    public static Message CompareText(Report local, RemoteEnd neighbour)
    {
        var other = neighbour.Report!;
        (string, string)[] args = [("host", neighbour.Host), ("target", local.Target.Input), ("code", $"{other.Verdict.Code}"), ("target-host", local.Target.Host)];
        var differ = DifferingLayers(local, other);
        var differText = differ.Count == 0 ? null : Message.Of("join.differ").With("layers", List(differ));
        return (local.Verdict.IsOk, other.Verdict.IsOk) switch
        {
            (false, true) => Message.Of("join.compare.only-there", args).With("differ", differText),
            (false, false) => Message.Of("join.compare.neither", args).With("differ", differText),
            (true, false) => Message.Of("join.compare.only-here", args).With("differ", differText),
            _ => Message.Of("join.compare.both", args),
        };
    }

    /// <summary>The layers whose status differs between the two ends, as "port (fail here, pass there)".</summary>
    public static IReadOnlyList<Message> DifferingLayers(Report local, Report other)
    {
        var result = new List<Message>();
        foreach (var mine in local.Checks)
        {
            var theirs = other.Checks.FirstOrDefault(c => c.Layer == mine.Layer);
            if (theirs is not null && theirs.Status != mine.Status)
            {
                result.Add(Message.Of("join.differ.layer", ("layer", mine.Layer.ToString().ToLowerInvariant())).With("mine", Status(mine.Status)).With("theirs", Status(theirs.Status)));
            }
        }

        return result;
    }

    private static Message Status(CheckStatus s) => Message.Of("status." + s.ToString().ToLowerInvariant());

    /// <summary>"a, b, c": a message per item, in one.</summary>
    private static Message List(IReadOnlyList<Message> items) =>
        items.Count == 1 ? items[0] : Message.Of("join.list").With("first", items[0]).With("rest", List([.. items.Skip(1)]));


    /// <summary>The server's watch (a route-layer finding) saw none of the client's SYNs.</summary>
    public static bool NoSynArrived(Report server) =>
        server.Checks.Any(c => c.Layer == Layer.Route && c.Status == CheckStatus.Fail && c.Code == Codes.RouteUnreachable);

    /// <summary>The last router of this host's TCP trace that answered (not the target): the one after which the SYNs vanish.</summary>
    public static IPAddress? LastRouter(Report local) => local.TracedRouters.Count > 0 ? local.TracedRouters[^1] : null;
}
