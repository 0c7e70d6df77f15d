using System.Diagnostics.CodeAnalysis;
using Reach.Core.Contract;
using Reach.Core.Model;

namespace Reach.Core.Joining;

/// <summary>
/// Reads a remote end's reach/1 object back into a <see cref="Report"/>, strictly (see
/// <see cref="ReportJson.TryParse"/>): whatever came over SSH is untrusted text.
/// </summary>
public static class ReportJsonParser
{
    /// <summary>A report is a few kilobytes; a megabyte is already far more than any real one.</summary>
    public const int MaxBytes = ReportJson.MaxBytes;

    public static bool TryParse(string text, [NotNullWhen(true)] out Report? report, [NotNullWhen(false)] out string? error) =>
        ReportJson.TryParse(text, out report, out _, out error);

    /// <summary>At most 60 printable characters of untrusted text, so one line stays one line.</summary>
    public static string Excerpt(string text) => ReportJson.Excerpt(text);
}
