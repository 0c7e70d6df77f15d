using System.Net;
using Reach.Core.Model;

namespace Reach.Core.Joining;

/// <summary>
/// Both ends in, one verdict out. Pure: the local report and what the remote ends answered.
///
/// The server end settles what this host can only guess: from here a DROP rule and a dead path look the
/// same (silence), a REJECT and a closed port nearly so, and a server with no route back looks like a
/// filter. So when this host's verdict rests on the far side (route or port layer, or inconclusive), a
/// server verdict that proves a cause there (listener.*, firewall.*, route.no-return) replaces it, and a
/// server that saw no SYN at all turns it into route.unreachable: the loss is on the path. A verdict at a
/// lower layer (link, interface, this host's own firewall, gateway, DNS) stands: the packets never got far.
/// A neighbour (--compare) never changes the code; the summary says whether it gets through.
/// </summary>
public static class CrossHostJoin
{
    private static readonly Code[] ServerProofs = [Codes.ListenerNone, Codes.ListenerLoopbackOnly, Codes.ListenerWrongFamily, Codes.FirewallDrop, Codes.FirewallReject, Codes.RouteNoReturn];

    public static Report Join(Report local, IReadOnlyList<RemoteEnd> remotes)
    {
        var verdict = local.Verdict;
        var problems = local.Problems.ToList();
        if (remotes.FirstOrDefault(r => r.Role == RemoteRole.Server && r.Report is not null) is { Report: { } server } serverEnd && FarSide(verdict))
        {
            var host = serverEnd.Host;
            if (ServerProofs.Contains(server.Verdict.Code))
            {
                verdict = server.Verdict with
                {
                    Summary = $"{host}'s end proves it: {server.Verdict.Summary} (from here: {local.Verdict.Code})",
                    Fix = $"On {host}: {server.Verdict.Fix}",
                };
                problems.AddRange(server.Problems);
            }
            else if (NoSynArrived(server) && (verdict.Code == Codes.PortFiltered || verdict.Code == Codes.RouteUnreachable || verdict.Code == Codes.Inconclusive))
            {
                var last = LastRouter(local);
                var lastText = last is null ? "no router on the path answered the TCP trace" : $"the last router that answered is {last}";
                verdict = new Verdict(Codes.RouteUnreachable, Layer.Route,
                    $"no SYN from this host reached {host} (it watched for them): the loss is on the path before it; {lastText}",
                    last is null
                        ? $"Check this host's route towards {host} and the first router's FORWARD rules."
                        : $"On {last} and beyond: check the FORWARD rules and the route towards {host} (`reach local` there, or `iptables -L FORWARD -v --line-numbers`).");
                problems.Add(Codes.RouteUnreachable);
            }
        }

        foreach (var neighbour in remotes.Where(r => r.Role == RemoteRole.Compare && r.Report is not null))
        {
            verdict = verdict with { Summary = $"{verdict.Summary}. {Compare(local, neighbour)}" };
        }

        // The picture follows the verdict: a cause the server proves is drawn at the target, a loss before it on the link.
        // The server's own words are drawn beside the target (its lane): here, only say whose proof it is.
        var serverLabel = remotes.FirstOrDefault(r => r.Role == RemoteRole.Server && r.Report is not null) is { } proving && ServerProofs.Contains(verdict.Code)
            ? $"proven by {proving.Host}'s own end"
            : null;
        return local with
        {
            Verdict = verdict,
            Problems = problems.Distinct().ToList(),
            Path = Paths.CrossHostPath.Remark(local.Path, local.Verdict, verdict, serverLabel),
        };
    }

    /// <summary>The sentence that puts a neighbour's result beside this host's.</summary>
    public static string Compare(Report local, RemoteEnd neighbour)
    {
        var other = neighbour.Report!;
        var host = neighbour.Host;
        var target = local.Target.Input;
        var differ = DifferingLayers(local, other);
        var differText = differ.Count == 0 ? string.Empty : $" (layers that differ: {string.Join(", ", differ)})";
        return (local.Verdict.IsOk, other.Verdict.IsOk) switch
        {
            (false, true) => $"{host} reaches {target}, this host does not: the fault is on this host or its own path{differText}",
            (false, false) => $"{host} does not reach {target} either ({other.Verdict.Code}): look between the LAN and {local.Target.Host}, or at {local.Target.Host}{differText}",
            (true, false) => $"{host} does not reach {target} ({other.Verdict.Code}), this host does: the fault is on {host} or its path{differText}",
            _ => $"{host} reaches {target} too",
        };
    }

    /// <summary>The layers whose status differs between the two ends, as "port (fail here, pass on dev2)".</summary>
    public static IReadOnlyList<string> DifferingLayers(Report local, Report other)
    {
        var result = new List<string>();
        foreach (var mine in local.Checks)
        {
            var theirs = other.Checks.FirstOrDefault(c => c.Layer == mine.Layer);
            if (theirs is not null && theirs.Status != mine.Status)
            {
                result.Add($"{mine.Layer.ToString().ToLowerInvariant()} ({Status(mine.Status)} here, {Status(theirs.Status)} there)");
            }
        }

        return result;
    }

    private static string Status(CheckStatus s) => s.ToString().ToLowerInvariant();

    /// <summary>Whether this host's verdict is one that only the far side can explain better.</summary>
    private static bool FarSide(Verdict v) => v.Code == Codes.Inconclusive || v.Layer is Layer.Route or Layer.Port;

    /// <summary>The server's watch (a route-layer finding) saw none of the client's SYNs.</summary>
    public static bool NoSynArrived(Report server) =>
        server.Checks.Any(c => c.Layer == Layer.Route && c.Status == CheckStatus.Fail && c.Code == Codes.RouteUnreachable);

    /// <summary>
    /// The last hop of this host's TCP trace that answered and is not the target itself: the router after
    /// which the SYNs vanish. Read from the route finding's evidence ("tcp trace to …": " 1  10.1.1.1  0.2 ms").
    /// </summary>
    public static IPAddress? LastRouter(Report local)
    {
        var targets = local.Target.Addresses;
        IPAddress? last = null;
        foreach (var e in local.Checks.Where(c => c.Layer == Layer.Route).SelectMany(c => c.Evidence).Where(e => e.Source.StartsWith("tcp trace to", StringComparison.Ordinal)))
        {
            var words = e.Detail.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length >= 2 && IPAddress.TryParse(words[1], out var hop) && !targets.Contains(hop))
            {
                last = hop;
            }
        }

        return last;
    }
}
