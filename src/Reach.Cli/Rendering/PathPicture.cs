using System.Globalization;
using System.Text;
using Reach.Core.Joining;
using Reach.Core.Model;
using Reach.Core.Paths;

namespace Reach.Cli.Rendering;

/// <summary>
/// The path as inline SVG: one box per node left to right, a line per link, the failing node or link
/// in red with a ✘ and the evidence written under it. No script, no font or image fetched: text uses
/// the system's sans-serif (with CJK fallbacks named, so Korean labels get real glyphs).
/// </summary>
public static class PathPicture
{
    private const int BoxWidth = 150;
    private const int BoxHeight = 54;
    private const int Gap = 46;
    private const int Top = 14;
    private const int LabelChars = 26;
    private const int TitleHeight = 20;

    /// <param name="lanes">The other ends of `check --server/--compare`: a server is drawn beside the target (the same
    /// host, seen from inside), each neighbour as a row of its own below, with its way to the target.</param>
    public static string Svg(IReadOnlyList<PathHop> path, ReportWords words, IReadOnlyList<PathLane>? lanes = null)
    {
        lanes ??= [];
        var servers = lanes.Where(l => l.Role == RemoteRole.Server).ToList();
        var rows = new List<(string? Title, string Lane, IReadOnlyList<PathHop> Hops, int Joined)>
        {
            // The first row: this host's path, then each server drawn as the target's own view of itself.
            (null, "this-host", [.. path, .. servers.SelectMany(l => l.Hops.Select(h => h with { Name = l.Host }))], path.Count),
        };
        rows.AddRange(lanes.Where(l => l.Role == RemoteRole.Compare).Select(l => ((string?)words.Get("path.lane.compare", ("host", l.Host)), "compare", l.Hops, l.Hops.Count)));

        var width = rows.Max(r => (r.Hops.Count * BoxWidth) + ((r.Hops.Count - 1) * Gap)) + 20;
        var heights = rows.Select(r => (r.Title is null ? 0 : TitleHeight) + Top + BoxHeight + 26 + (r.Hops.Where(Labelled).Select(h => Wrap(words.Label(h)).Count).DefaultIfEmpty(0).Max() * 15) + 10).ToList();
        var height = heights.Sum();
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"path\" role=\"img\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\">");
        svg.Append("<title>").Append(Html.Encode(PathWords.Line(path, lanes, words, (_, name) => name))).Append("</title>");
        var y0 = 0;
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            var top = y0 + Top + (row.Title is null ? 0 : TitleHeight);
            if (row.Title is { } title)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text class=\"lane\" x=\"10\" y=\"{y0 + Top + 12}\">{Html.Encode(title)}</text>");
            }

            for (var i = 0; i < row.Hops.Count; i++)
            {
                var server = i >= row.Joined;
                Hop(svg, row.Hops[i], i, top, server ? "server" : row.Lane, i > 0 ? (server ? LinkKind.SameHost : LinkKind.Wire) : LinkKind.None, words);
            }

            y0 += heights[r];
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private enum LinkKind
    {
        None,
        Wire,
        SameHost,
    }

    private static bool Labelled(PathHop h) => h.Label is not null && (h.Mark is PathMark.Fails or PathMark.LinkFails || h.Role == PathRole.Remote);

    private static void Hop(StringBuilder svg, PathHop h, int i, int top, string lane, LinkKind link, ReportWords words)
    {
        var x = 10 + (i * (BoxWidth + Gap));
        var middle = top + (BoxHeight / 2);
        if (link == LinkKind.SameHost)
        {
            // Not a wire: the server is the target, seen from inside. Two thin dashed lines, "the same host" above them.
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"link same\" x1=\"{x - Gap}\" y1=\"{middle - 3}\" x2=\"{x}\" y2=\"{middle - 3}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"link same\" x1=\"{x - Gap}\" y1=\"{middle + 3}\" x2=\"{x}\" y2=\"{middle + 3}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"same\" x=\"{x - (Gap / 2)}\" y=\"{top - 3}\" text-anchor=\"middle\">{Html.Encode(words["path.same-host"])}</text>");
        }
        else if (link == LinkKind.Wire)
        {
            var broken = h.Mark == PathMark.LinkFails;
            var x1 = x - Gap;
            var cls = broken ? "link fails" : h.Mark == PathMark.NotReached ? "link dim" : "link";
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"{cls}\" x1=\"{x1}\" y1=\"{middle}\" x2=\"{x}\" y2=\"{middle}\"/>");
            if (broken)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text class=\"x\" x=\"{x1 + (Gap / 2)}\" y=\"{middle - 6}\" text-anchor=\"middle\">✘</text>");
            }
        }

        var state = h.Mark switch
        {
            PathMark.Fails => "fails",
            PathMark.LinkFails => "link-fails",
            PathMark.Silent => "silent",
            PathMark.NotReached => "dim",
            _ => "ok",
        };
        var host = h.Role == PathRole.Remote ? $" data-host=\"{Html.Encode(h.Name)}\"" : string.Empty;
        svg.Append(CultureInfo.InvariantCulture, $"<g class=\"hop {state}\" data-role=\"{h.Role.ToString().ToLowerInvariant()}\" data-lane=\"{lane}\" data-mark=\"{state}\"{host}>");
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{top}\" width=\"{BoxWidth}\" height=\"{BoxHeight}\" rx=\"8\"/>");
        var roleName = h.Role != PathRole.Remote ? words.Role(h.Role) : words[lane == "server" ? "path.server" : "path.neighbour"];
        var role = (h.Mark == PathMark.Fails ? "✘ " : string.Empty) + roleName;
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"role\" x=\"{x + (BoxWidth / 2)}\" y=\"{top + 21}\" text-anchor=\"middle\">{Html.Encode(role)}</text>");
        var name = h.Role == PathRole.Remote ? h.Name : h.Address?.ToString() ?? (h.Role == PathRole.Router ? "* * *" : h.Name);
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"addr\" x=\"{x + (BoxWidth / 2)}\" y=\"{top + 41}\" text-anchor=\"middle\">{Html.Encode(Clip(name, 22))}</text>");
        if (Labelled(h))
        {
            // A remote end's own view is always written under it; in red only when it is the fault.
            var y = top + BoxHeight + 18;
            var cls = h.Mark is PathMark.Fails or PathMark.LinkFails ? "label" : "label note";
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"{cls}\" x=\"{x + (BoxWidth / 2)}\" y=\"{y}\" text-anchor=\"middle\">");
            var lines = Wrap(words.Label(h));
            for (var l = 0; l < lines.Count; l++)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<tspan x=\"{x + (BoxWidth / 2)}\" dy=\"{(l == 0 ? 0 : 15)}\">{Html.Encode(lines[l])}</tspan>");
            }

            svg.Append("</text>");
        }

        svg.Append("</g>");
    }

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";

    // SVG text does not wrap: break the evidence at spaces into short lines, at most four.
    private static List<string> Wrap(string text)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > LabelChars)
            {
                lines.Add(line.ToString());
                line.Clear();
            }

            line.Append(line.Length > 0 ? " " : string.Empty).Append(word);
        }

        if (line.Length > 0)
        {
            lines.Add(line.ToString());
        }

        return lines.Count <= 4 ? lines : [.. lines.Take(3), Clip(string.Join(' ', lines.Skip(3)), LabelChars)];
    }
}
