using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Reach.Core.Joining;
using Reach.Core.Model;

namespace Reach.Core.Contract;

/// <summary>
/// Reads and writes reach/1: a report (and the remote ends of --server/--compare) to JSON, and JSON from
/// another host back to a report. The shape is <see cref="ReportDocument"/>; this maps it to and from the
/// model. The JSON is always English: scripts match on it, whatever language the reader's reports are in.
/// </summary>
public static class ReportJson
{
    /// <summary>A report is a few kilobytes; a megabyte is already far more than any real one.</summary>
    public const int MaxBytes = 1 << 20;

    /// <summary>The reach/1 object of a report, ready to serialise with <see cref="ReportJsonContext"/>.</summary>
    /// <param name="remotes">The remote ends of --server/--compare ("remote"); null writes no "remote" at all.</param>
    public static ReportDocument ToDocument(Report report, IReadOnlyList<RemoteEnd>? remotes = null) => DocumentWriter.Report(report, remotes);

    /// <summary>Writes the report as indented reach/1 JSON and a newline, as `--json` prints it.</summary>
    public static void Write(Stream stream, Report report, IReadOnlyList<RemoteEnd>? remotes = null)
    {
        JsonSerializer.Serialize(stream, ToDocument(report, remotes), ReportJsonContext.Default.ReportDocument);
        stream.WriteByte((byte)'\n');
    }

    /// <summary>As <see cref="Write"/>, for a stream that must not block (an HTTP response).</summary>
    public static async Task WriteAsync(Stream stream, Report report, IReadOnlyList<RemoteEnd>? remotes, CancellationToken cancellationToken)
    {
        await JsonSerializer.SerializeAsync(stream, ToDocument(report, remotes), ReportJsonContext.Default.ReportDocument, cancellationToken).ConfigureAwait(false);
        await stream.WriteAsync("\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The reach/1 JSON as a string, newline included.</summary>
    public static string Serialize(Report report, IReadOnlyList<RemoteEnd>? remotes = null) =>
        JsonSerializer.Serialize(ToDocument(report, remotes), ReportJsonContext.Default.ReportDocument) + "\n";

    /// <summary>
    /// Reads reach/1 text that came from elsewhere (another host over SSH or HTTPS), strictly: whatever
    /// came is untrusted (a login banner, a shell's error, an older reach, a hostile host). A report is
    /// accepted only with the right schema and every field the contract names, of the right type;
    /// anything else is one line saying what was wrong, never an exception and never a half-read report.
    /// </summary>
    /// <param name="remotes">The document's own "remote" array, when it has one; null otherwise.</param>
    public static bool TryParse(
        string text,
        [NotNullWhen(true)] out Report? report,
        out IReadOnlyList<RemoteEnd>? remotes,
        [NotNullWhen(false)] out string? error)
    {
        report = null;
        remotes = null;
        if (text.Length > MaxBytes)
        {
            error = $"the answer is larger than {MaxBytes} bytes";
            return false;
        }

        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            error = "it printed nothing on stdout";
            return false;
        }

        if (trimmed[0] != '{')
        {
            error = $"it did not print a JSON object (it began with \"{Excerpt(trimmed)}\")";
            return false;
        }

        JsonDocument doc;
        try
        {
            // Parsed as JSON first, so that malformed text and a report of the wrong shape are told apart.
            doc = JsonDocument.Parse(trimmed, new JsonDocumentOptions { MaxDepth = ReportJsonContext.Default.Options.MaxDepth });
        }
        catch (JsonException e)
        {
            error = $"its JSON is malformed: {Excerpt(e.Message)}";
            return false;
        }

        using (doc)
        {
            try
            {
                var document = doc.RootElement.Deserialize(ReportJsonContext.Default.ReportDocument)
                    ?? throw new FormatException("the top level is not a JSON object");
                (report, remotes) = DocumentReader.Read(document);
                error = null;
                return true;
            }
            catch (JsonException e)
            {
                error = $"its JSON is not a reach/1 report: {Excerpt(e.Path ?? "a value")} is not of the type reach/1 gives it";
                return false;
            }
            catch (FormatException e)
            {
                error = $"its JSON is not a reach/1 report: {e.Message}";
                return false;
            }
        }
    }

    /// <summary>At most 60 printable characters of untrusted text, so one line stays one line.</summary>
    public static string Excerpt(string text)
    {
        var clean = new string(text.Take(60).Select(ch => char.IsControl(ch) ? ' ' : ch).ToArray()).Trim();
        return text.Length > 60 ? clean + "…" : clean;
    }
}
