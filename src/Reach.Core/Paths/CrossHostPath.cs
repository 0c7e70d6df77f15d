using System.Net;
using Reach.Core.Joining;
using Reach.Core.Model;

using Reach.Core.Text;

namespace Reach.Core.Paths;

/// <summary>
/// The path picture of `check --server/--compare`. This host's path (PathBuilder) is re-marked for the
/// joined verdict, since the server may have moved the blame (a DROP rule it proves is the target's; no
/// SYN at the server puts it on the link after the last router that answered), and each remote end gets
/// a lane. Pure: it reads the reports and decides nothing the join did not.
/// </summary>
public static class CrossHostPath
{
    /// <summary>This host's path marked for the joined verdict; unchanged when the join kept this host's verdict.</summary>
    public static IReadOnlyList<PathHop>? Remark(IReadOnlyList<PathHop>? path, Verdict local, Verdict joined, Message? serverLabel)
    {
        if (path is not { Count: > 0 } || joined.Code == local.Code || joined.IsOk)
        {
            return path;
        }

        // Start from a clean path: only the routers' own silence (rate limits) stays drawn.
        var hops = path.Select(h => h with { Mark = h.Mark == PathMark.Silent ? PathMark.Silent : PathMark.Ok, Label = h.Mark == PathMark.Silent ? h.Label : null, LabelText = h.Mark == PathMark.Silent ? h.LabelText : null }).ToList();
        if (joined.Code == Codes.Inconclusive)
        {
            return hops;
        }

        var labelText = Message.Of("path.label", ("code", joined.Code.Name)).With("text", serverLabel ?? joined.Summary);
        var (at, mark) = joined.Code == Codes.RouteUnreachable
            ? (AfterLastAnswer(hops), PathMark.LinkFails)
            : (hops.Count - 1, PathMark.Fails);
        return PathMarks.Apply(hops, at, mark, labelText);
    }

    /// <summary>One lane per remote end, in the order they were asked.</summary>
    public static IReadOnlyList<PathLane> Lanes(Report joined, IReadOnlyList<RemoteEnd> remotes) =>
        [.. remotes.Select(r => r.Role == RemoteRole.Server ? ServerLane(r) : NeighbourLane(joined, r))];

    private static PathLane ServerLane(RemoteEnd r)
    {
        if (r.Report is not { } server)
        {
            return new PathLane(r.Role, r.Host, [new PathHop(PathRole.Remote, r.Host, Address(r.Host), PathMark.Silent, r.Error)]);
        }

        var v = server.Verdict;
        var mark = v.IsOk ? PathMark.Ok : v.Code == Codes.Inconclusive || CrossHostJoin.NoSynArrived(server) ? PathMark.Silent : PathMark.Fails;
        return new PathLane(r.Role, r.Host, [new PathHop(PathRole.Remote, r.Host, Address(r.Host), mark, $"{v.Code.Name}: {Catalog.English.Format(v.Summary)}")]);
    }

    // A neighbour's own path, as its check drew it (reach/1 path[]): its host, then its way to the target.
    // A reach too old to send one gives only its verdict: its host, then the target, the blame put where
    // its verdict's layer says.
    private static PathLane NeighbourLane(Report joined, RemoteEnd r)
    {
        var target = joined.Target.Host;
        if (r.Report is not { } other)
        {
            return new PathLane(r.Role, r.Host, [new PathHop(PathRole.Remote, r.Host, Address(r.Host), PathMark.Silent, r.Error)]);
        }

        if (other.Path is { Count: > 1 } path && path[0].Role == PathRole.ThisHost)
        {
            return new PathLane(r.Role, r.Host, [path[0] with { Role = PathRole.Remote, Name = r.Host }, .. path.Skip(1)]);
        }

        var v = other.Verdict;
        var label = $"{v.Code.Name}: {Catalog.English.Format(v.Summary)}";
        var (hostMark, targetMark) = v.IsOk || v.Code == Codes.Inconclusive || v.Layer is null
            ? (PathMark.Ok, v.IsOk ? PathMark.Ok : PathMark.Silent)
            : v.Layer switch
            {
                Layer.Link or Layer.Interface or Layer.Local or Layer.Gateway or Layer.Dns => (PathMark.Fails, PathMark.NotReached),
                Layer.Route => (PathMark.Ok, PathMark.LinkFails),
                _ => (PathMark.Ok, PathMark.Fails),
            };
        return new PathLane(r.Role, r.Host,
        [
            new PathHop(PathRole.Remote, r.Host, Address(r.Host), hostMark, hostMark == PathMark.Fails ? label : null),
            new PathHop(PathRole.Target, target, other.Target.Addresses.FirstOrDefault(), targetMark, targetMark is PathMark.Fails or PathMark.LinkFails ? label : null),
        ]);
    }

    // The link after the last node that answered (the gateway or a router of the trace), where the SYNs vanished.
    private static int AfterLastAnswer(List<PathHop> hops)
    {
        var last = hops.FindLastIndex(h => h.Role is PathRole.Gateway or PathRole.Router && h.Address is not null);
        return Math.Min(Math.Max(last, 0) + 1, hops.Count - 1);
    }

    private static IPAddress? Address(string host) => IPAddress.TryParse(host, out var a) ? a : null;
}
