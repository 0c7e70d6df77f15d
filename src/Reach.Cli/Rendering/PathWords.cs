using Reach.Core.Joining;
using Reach.Core.Model;
using Reach.Core.Paths;

namespace Reach.Cli.Rendering;

/// <summary>
/// How every format says the path of Reach.Core.Paths: one name per node, the line of nodes with the
/// server drawn as the target seen from inside ("═") and each neighbour's way on a line of its own,
/// and a caption for each node that failed. Text, Markdown and HTML only style what this gives them,
/// so they cannot draw different paths.
/// </summary>
internal static class PathWords
{
    public static string Name(PathHop h, ReportWords words) => h.Role switch
    {
        PathRole.ThisHost => h.Address is null ? words.Role(h.Role) : $"{words.Role(h.Role)} ({h.Address})",
        PathRole.Router when h.Address is null => $"{words.Role(h.Role)} * ({words["path.silent"]})",
        PathRole.Router => $"{words.Role(h.Role)} {h.Address}",
        PathRole.Gateway => $"{words.Role(h.Role)} {h.Address}",
        _ => h.Name,
    };

    /// <summary>A lane's hops, its remote host named by its role: "server web1", "neighbour dev2"; for a caption,
    /// a neighbour's target also says whose way to it failed ("web1 (from dev2)").</summary>
    public static IEnumerable<PathHop> Named(PathLane lane, ReportWords words, bool caption = false) => lane.Hops.Select(h => h.Role switch
    {
        PathRole.Remote => h with { Name = $"{words[lane.Role == RemoteRole.Server ? "path.server" : "path.neighbour"]} {lane.Host}" },
        PathRole.Target when caption => h with { Name = words.Get("path.from-neighbour", ("name", h.Name), ("host", lane.Host)) },
        _ => h,
    });

    /// <summary>What a marked node's caption names: the node, or for a broken link, the link that leads to it.</summary>
    public static string Caption(PathHop h, ReportWords words) =>
        h.Mark == PathMark.LinkFails ? words.Get("path.link-to", ("name", Name(h, words))) : Name(h, words);

    /// <summary>
    /// This host's way to the target, then each server end beside the target ("═": the same host, not another
    /// wire). <paramref name="style"/> draws one node from its name in the format's own way.
    /// </summary>
    public static string Line(IReadOnlyList<PathHop> path, IReadOnlyList<PathLane>? lanes, ReportWords words, Func<PathHop, string, string> style)
    {
        var line = string.Join(" → ", path.Select(h => style(h, Name(h, words))));
        foreach (var server in Servers(lanes))
        {
            line += " ═ " + string.Join(" ", Named(server, words).Select(h => style(h, Name(h, words))));
        }

        return line;
    }

    /// <summary>Each neighbour's own way to the target: its title ("dev2: the same check from there") and its line.</summary>
    public static IEnumerable<(string Title, string Line)> Neighbours(IReadOnlyList<PathLane>? lanes, ReportWords words, Func<PathHop, string, string> style) =>
        (lanes ?? []).Where(l => l.Role == RemoteRole.Compare)
            .Select(l => (words.Get("path.lane.compare", ("host", l.Host)), string.Join(" → ", Named(l, words).Select(h => style(h, Name(h, words))))));

    /// <summary>Every node that failed (or whose link did), on this host's way and on the others': its caption and its evidence.</summary>
    public static IEnumerable<(string Caption, string Label)> Failures(IReadOnlyList<PathHop> path, IReadOnlyList<PathLane>? lanes, ReportWords words) =>
        path.Concat((lanes ?? []).SelectMany(l => Named(l, words, caption: true)))
            .Where(h => h.Mark is PathMark.Fails or PathMark.LinkFails && h.Label is not null)
            .Select(h => (Caption(h, words), words.Label(h)));

    /// <summary>What each server end said of itself when it is not the fault: "web1: its own view (reach local)" and its verdict.</summary>
    public static IEnumerable<(string Title, string Label)> ServerViews(IReadOnlyList<PathLane>? lanes, ReportWords words) =>
        Servers(lanes).SelectMany(l => l.Hops.Select(h => (l.Host, Hop: h)))
            .Where(x => x.Hop.Mark is not (PathMark.Fails or PathMark.LinkFails) && x.Hop.Label is not null)
            .Select(x => (words.Get("path.lane.server", ("host", x.Host)), words.Label(x.Hop)));

    private static IEnumerable<PathLane> Servers(IReadOnlyList<PathLane>? lanes) => (lanes ?? []).Where(l => l.Role == RemoteRole.Server);
}
