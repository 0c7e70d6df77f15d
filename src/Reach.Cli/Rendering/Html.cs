namespace Reach.Cli.Rendering;

/// <summary>
/// HTML text escaping for the report. Not WebUtility.HtmlEncode: it turns Latin-1 letters into numeric
/// entities, and the page is UTF-8 anyway; the five characters that matter in text and attributes suffice.
/// </summary>
public static class Html
{
    public static string Encode(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal)
        .Replace("'", "&#39;", StringComparison.Ordinal);
}
