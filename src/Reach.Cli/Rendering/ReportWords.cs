using Reach.Cli.Explain;
using Reach.Core.Model;
using Reach.Core.Text;

namespace Reach.Cli.Rendering;

/// <summary>
/// What a report says in the reader's language. A finding whose assessor gives its sentence as a
/// message (Finding.SummaryText) is said in full; one that gives only English is said by its code's
/// meaning from the translated docs/verdicts.LANG.md, with the English sentence kept beside it as
/// <see cref="Original"/>, so nothing specific (an address, a rule) is lost until the assessor is converted.
/// </summary>
public sealed class ReportWords
{
    private ReportWords(Catalog catalog, VerdictDocs docs)
    {
        Catalog = catalog;
        Docs = docs;
    }

    public static ReportWords English { get; } = For("en");

    public Catalog Catalog { get; }

    public VerdictDocs Docs { get; }

    public string Language => Catalog.Language;

    public bool IsEnglish => Language == "en";

    public static ReportWords For(string language) => new(Catalog.For(language), VerdictDocs.For(language));

    public string this[string key] => Catalog.Get(key);

    public string Get(string key, params (string Name, string Value)[] args) => Catalog.Get(key, args);

    /// <summary>What marks a hop of the path, in the reader's language when it was given as a message.</summary>
    public string Label(PathHop hop) => hop.LabelText is { } m ? Catalog.Format(m) : hop.Label ?? string.Empty;

    public string Status(CheckStatus status) => Catalog.Get("status." + status.ToString().ToLowerInvariant());

    public string Role(PathRole role) => Catalog.Get(role switch
    {
        PathRole.ThisHost => "path.this-host",
        PathRole.Gateway => "path.gateway",
        PathRole.Router => "path.router",
        PathRole.Target => "path.target",
        _ => "path.remote",
    });

    public string Summary(Finding f) =>
        f.SummaryText is { } m ? Catalog.Format(m) : IsEnglish ? f.Summary : Docs.Find(f.Code.Name)?.Meaning ?? f.Summary;

    public string? Fix(Finding f) =>
        f.FixText is { } m ? Catalog.Format(m) : f.Fix is null || IsEnglish ? f.Fix : Docs.Find(f.Code.Name)?.Fix ?? f.Fix;

    /// <summary>The English sentence when <see cref="Summary(Finding)"/> could only give the code's meaning; null when it said it all.</summary>
    public string? Original(Finding f) => IsEnglish || f.SummaryText is not null || Docs.Find(f.Code.Name) is null ? null : f.Summary;

    public string Summary(Report r) => RootFinding(r) is { } f ? Summary(f)
        : r.Verdict.SummaryText is { } m ? Catalog.Format(m)
        : IsEnglish ? r.Verdict.Summary : Docs.Find(r.Verdict.Code.Name)?.Meaning ?? r.Verdict.Summary;

    public string Fix(Report r) => RootFinding(r) is { } f ? Fix(f) ?? Fallback(r)
        : r.Verdict.FixText is { } m ? Catalog.Format(m)
        : Fallback(r);

    /// <summary>The verdict's English sentence when the translation could only give the code's meaning.</summary>
    public string? Original(Report r) => RootFinding(r) is { } f ? Original(f)
        : IsEnglish || r.Verdict.SummaryText is not null || Docs.Find(r.Verdict.Code.Name) is null ? null : r.Verdict.Summary;

    private string Fallback(Report r) => IsEnglish ? r.Verdict.Fix : Docs.Find(r.Verdict.Code.Name)?.Fix ?? r.Verdict.Fix;

    // The verdict of a failure is its root finding's (Diagnoser): say it from the finding, which may carry messages.
    private static Finding? RootFinding(Report r) => r.Verdict.IsOk || r.Verdict.Code == Codes.Inconclusive
        ? null
        : r.Checks.FirstOrDefault(c => c.Code == r.Verdict.Code && c.Summary == r.Verdict.Summary);
}
