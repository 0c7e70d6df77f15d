using System.Globalization;
using System.Text.Json;
using Reach.Core.Joining;
using Reach.Core.Model;

namespace Reach.Cli.Rendering;

/// <summary>
/// Writes the reach/1 JSON object (README.md shows it; docs/verdicts.md lists its codes). Written field by field with Utf8JsonWriter rather than
/// serialised from the records: the contract stays visible in one place, independent of how the model
/// evolves, and it needs no reflection under NativeAOT.
/// </summary>
public static class JsonReportWriter
{
    /// <param name="remotes">The remote ends of --server/--compare: written as "remote", each with its own reach/1 object.</param>
    public static void Write(Stream stream, Report report, IReadOnlyList<RemoteEnd>? remotes = null)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        WriteReport(w, report, remotes);
        w.Flush();
        stream.WriteByte((byte)'\n');
    }

    private static void WriteReport(Utf8JsonWriter w, Report report, IReadOnlyList<RemoteEnd>? remotes)
    {
        w.WriteStartObject();
        w.WriteString("schema", Report.Schema);

        w.WriteStartObject("target");
        w.WriteString("input", report.Target.Input);
        w.WriteString("host", report.Target.Host);
        if (report.Target.Port is { } port)
        {
            w.WriteNumber("port", port);
        }
        else
        {
            w.WriteNull("port");
        }

        w.WriteStartArray("addresses");
        foreach (var a in report.Target.Addresses)
        {
            w.WriteStringValue(a.ToString());
        }

        w.WriteEndArray();

        // Added for names with several addresses (issue 7): "addresses" stays the plain list of strings
        // older readers know, in the applications' order; this one adds each address's outcome.
        if (report.Target.AddressOutcomes.Count > 0)
        {
            w.WriteStartArray("addressOutcomes");
            foreach (var a in report.Target.AddressOutcomes)
            {
                w.WriteStartObject();
                w.WriteString("address", a.Address.ToString());
                w.WriteString("family", a.Family == "IPv6" ? "ipv6" : "ipv4");
                w.WriteString("outcome", a.Outcome);
                w.WriteString("detail", a.Describe());
                w.WriteBoolean("verdict", a.Order == 0);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();

        w.WriteStartObject("verdict");
        w.WriteString("code", report.Verdict.Code.Name);
        if (report.Verdict.Layer is { } layer)
        {
            w.WriteString("layer", Name(layer));
        }
        else
        {
            w.WriteNull("layer");
        }

        w.WriteString("summary", report.Verdict.Summary);
        w.WriteString("fix", report.Verdict.Fix);
        w.WriteEndObject();

        w.WriteStartArray("checks");
        foreach (var f in report.Checks)
        {
            w.WriteStartObject();
            w.WriteString("layer", Name(f.Layer));
            w.WriteString("status", Name(f.Status));
            w.WriteString("code", f.Code.Name);
            w.WriteString("summary", f.Summary);
            if (f.Fix is not null)
            {
                w.WriteString("fix", f.Fix);
            }

            w.WriteStartArray("evidence");
            foreach (var e in f.Evidence)
            {
                w.WriteStartObject();
                w.WriteString("source", e.Source);
                w.WriteString("detail", e.Detail);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteNumber("ms", Math.Round(f.Ms, 1));
            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartArray("problems");
        foreach (var p in report.Problems)
        {
            w.WriteStringValue(p.Name);
        }

        w.WriteEndArray();
        if (remotes is not null)
        {
            w.WriteStartArray("remote");
            foreach (var r in remotes)
            {
                w.WriteStartObject();
                w.WriteString("role", r.Role == RemoteRole.Server ? "server" : "compare");
                w.WriteString("via", r.Via);
                w.WriteBoolean("ok", r.Ok);
                if (r.Error is null)
                {
                    w.WriteNull("error");
                }
                else
                {
                    w.WriteString("error", r.Error);
                }

                w.WriteNumber("ms", Math.Round(r.Ms, 1));
                if (r.Report is null)
                {
                    w.WriteNull("report");
                }
                else
                {
                    w.WritePropertyName("report");
                    WriteReport(w, r.Report, null);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    public static string Name(Layer layer) => Code.LayerName(layer);

    public static string Name(CheckStatus status) => status.ToString().ToLower(CultureInfo.InvariantCulture);
}
