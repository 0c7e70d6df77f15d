using System.Globalization;
using System.Text;
using Reach.Core.Model;

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

    public static string Svg(IReadOnlyList<PathHop> path, ReportWords words)
    {
        var width = (path.Count * BoxWidth) + ((path.Count - 1) * Gap) + 20;
        var labelLines = path.Select(h => Wrap(h.Label ?? string.Empty).Count).DefaultIfEmpty(0).Max();
        var height = Top + BoxHeight + 26 + (labelLines * 15) + 10;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"path\" role=\"img\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\">");
        svg.Append("<title>").Append(Html.Encode(string.Join(" → ", path.Select(h => MarkdownReportWriter.Name(h, words))))).Append("</title>");
        for (var i = 0; i < path.Count; i++)
        {
            var h = path[i];
            var x = 10 + (i * (BoxWidth + Gap));
            if (i > 0)
            {
                var broken = h.Mark == PathMark.LinkFails;
                var x1 = x - Gap;
                var cls = broken ? "link fails" : h.Mark == PathMark.NotReached ? "link dim" : "link";
                svg.Append(CultureInfo.InvariantCulture, $"<line class=\"{cls}\" x1=\"{x1}\" y1=\"{Top + (BoxHeight / 2)}\" x2=\"{x}\" y2=\"{Top + (BoxHeight / 2)}\"/>");
                if (broken)
                {
                    svg.Append(CultureInfo.InvariantCulture, $"<text class=\"x\" x=\"{x1 + (Gap / 2)}\" y=\"{Top + (BoxHeight / 2) - 6}\" text-anchor=\"middle\">✘</text>");
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
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"hop {state}\" data-role=\"{h.Role.ToString().ToLowerInvariant()}\" data-mark=\"{state}\">");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{Top}\" width=\"{BoxWidth}\" height=\"{BoxHeight}\" rx=\"8\"/>");
            var role = (h.Mark == PathMark.Fails ? "✘ " : string.Empty) + words.Role(h.Role);
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"role\" x=\"{x + (BoxWidth / 2)}\" y=\"{Top + 21}\" text-anchor=\"middle\">{Html.Encode(role)}</text>");
            var name = h.Address?.ToString() ?? (h.Role == PathRole.Router ? "* * *" : h.Name);
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"addr\" x=\"{x + (BoxWidth / 2)}\" y=\"{Top + 41}\" text-anchor=\"middle\">{Html.Encode(Clip(name, 22))}</text>");
            if (h.Mark is PathMark.Fails or PathMark.LinkFails && h.Label is { } label)
            {
                var y = Top + BoxHeight + 18;
                svg.Append(CultureInfo.InvariantCulture, $"<text class=\"label\" x=\"{x + (BoxWidth / 2)}\" y=\"{y}\" text-anchor=\"middle\">");
                var lines = Wrap(label);
                for (var l = 0; l < lines.Count; l++)
                {
                    svg.Append(CultureInfo.InvariantCulture, $"<tspan x=\"{x + (BoxWidth / 2)}\" dy=\"{(l == 0 ? 0 : 15)}\">{Html.Encode(lines[l])}</tspan>");
                }

                svg.Append("</text>");
            }

            svg.Append("</g>");
        }

        svg.Append("</svg>");
        return svg.ToString();
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
