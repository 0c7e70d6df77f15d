using Reach.Cli.Explain;
using Reach.Core.Model;
using Reach.Core.Text;

namespace Reach.Cli.Rendering;

/// <summary>
/// What a report says in the reader's language. Every sentence is a message, said in full; one that came
/// verbatim from another host's English JSON is said by its code's meaning from the translated
/// docs/verdicts.LANG.md, with the English sentence kept beside it as <see cref="Original(Finding)"/>, so
/// nothing specific (an address, a rule) is lost.
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

    public string Summary(Finding f) => Say(f.Summary, f.Code, d => d.Meaning);

    public string? Fix(Finding f) => f.Fix is { } m ? Say(m, f.Code, d => d.Fix) : null;

    /// <summary>The English sentence when <see cref="Summary(Finding)"/> could only give the code's meaning; null when it said it all.</summary>
    public string? Original(Finding f) => Untranslated(f.Summary, f.Code);

    public string Summary(Report r) => RootFinding(r) is { } f ? Summary(f) : Say(r.Verdict.Summary, r.Verdict.Code, d => d.Meaning);

    public string Fix(Report r) => RootFinding(r) is { } f
        ? Fix(f) ?? (IsEnglish ? Catalog.English.Format(r.Verdict.Fix) : Docs.Find(r.Verdict.Code.Name)?.Fix ?? Catalog.English.Format(r.Verdict.Fix))
        : Say(r.Verdict.Fix, r.Verdict.Code, d => d.Fix);

    /// <summary>The verdict's English sentence when the translation could only give the code's meaning.</summary>
    public string? Original(Report r) => RootFinding(r) is { } f ? Original(f) : Untranslated(r.Verdict.Summary, r.Verdict.Code);

    /// <summary>
    /// A message in this language; words that came verbatim (a remote end's English JSON) are said in
    /// another language by the code's documented meaning or fix, the English kept as <see cref="Original(Finding)"/>.
    /// </summary>
    private string Say(Message m, Code code, Func<VerdictEntry, string?> documented) =>
        !IsEnglish && m.IsVerbatim && Docs.Find(code.Name) is { } entry && documented(entry) is { } said ? said : Catalog.Format(m);

    private string? Untranslated(Message m, Code code) =>
        IsEnglish || !m.IsVerbatim || Docs.Find(code.Name) is null ? null : Catalog.English.Format(m);

    // The verdict of a failure is its root finding's (Diagnoser): say it from the finding, which may carry messages.
    private static Finding? RootFinding(Report r) => r.Verdict.IsOk || r.Verdict.Code == Codes.Inconclusive
        ? null
        : r.Checks.FirstOrDefault(c => c.Code == r.Verdict.Code && c.Summary == r.Verdict.Summary);
}
