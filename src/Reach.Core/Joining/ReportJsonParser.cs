using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Text.Json;
using Reach.Core.Model;

namespace Reach.Core.Joining;

/// <summary>
/// Reads a remote end's reach/1 object back into a <see cref="Report"/>, strictly: whatever came over
/// SSH is untrusted text (a login banner, a shell's error, an older reach, a hostile host). A report is
/// accepted only with the right schema and every field the contract names, of the right type; anything
/// else is one line saying what was wrong, never an exception and never a half-read report.
/// </summary>
public static class ReportJsonParser
{
    /// <summary>A report is a few kilobytes; a megabyte is already far more than any real one.</summary>
    public const int MaxBytes = 1 << 20;

    public static bool TryParse(string text, [NotNullWhen(true)] out Report? report, [NotNullWhen(false)] out string? error)
    {
        report = null;
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

        try
        {
            using var doc = JsonDocument.Parse(trimmed, new JsonDocumentOptions { MaxDepth = 16 });
            report = Read(doc.RootElement);
            error = null;
            return true;
        }
        catch (JsonException e)
        {
            error = $"its JSON is malformed: {Excerpt(e.Message)}";
            return false;
        }
        catch (FormatException e)
        {
            error = $"its JSON is not a reach/1 report: {e.Message}";
            return false;
        }
    }

    private static Report Read(JsonElement root)
    {
        Require(root, JsonValueKind.Object, "the top level");
        var schema = Str(root, "schema");
        if (schema != Report.Schema)
        {
            throw new FormatException($"schema is \"{Excerpt(schema)}\", expected \"{Report.Schema}\"");
        }

        var t = Obj(root, "target");
        int? port = t.TryGetProperty("port", out var p) && p.ValueKind == JsonValueKind.Number ? p.GetInt32() : null;
        var addresses = Arr(t, "addresses").Select(a => IPAddress.TryParse(a.GetString() ?? string.Empty, out var ip) ? ip : throw new FormatException("target.addresses holds a non-address")).ToList();
        var target = new TargetInfo(Str(t, "input"), Str(t, "host"), port, addresses);

        var v = Obj(root, "verdict");
        var verdict = new Verdict(VerdictCode(Str(v, "code")), OptionalLayer(v, "layer"), Str(v, "summary"), Str(v, "fix"));

        var checks = Arr(root, "checks").Select(ReadFinding).ToList();
        var problems = Arr(root, "problems").Select(e => e.ValueKind == JsonValueKind.String ? LayerCode(e.GetString()!) : throw new FormatException("problems holds a non-string")).ToList();
        return new Report(target, verdict, checks, problems);
    }

    private static Finding ReadFinding(JsonElement c)
    {
        Require(c, JsonValueKind.Object, "a check");
        var layer = ParseLayer(Str(c, "layer"));
        var status = Str(c, "status") switch
        {
            "pass" => CheckStatus.Pass,
            "fail" => CheckStatus.Fail,
            "warn" => CheckStatus.Warn,
            "skip" => CheckStatus.Skip,
            "inconclusive" => CheckStatus.Inconclusive,
            var s => throw new FormatException($"unknown status \"{Excerpt(s)}\""),
        };
        var evidence = Arr(c, "evidence").Select(e => new Evidence(Str(e, "source"), Str(e, "detail"))).ToList();
        string? fix = c.TryGetProperty("fix", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
        var ms = c.TryGetProperty("ms", out var m) && m.ValueKind == JsonValueKind.Number ? m.GetDouble() : 0;
        var code = LayerCode(Str(c, "code"));
        if (code.Layer != layer)
        {
            throw new FormatException($"check code \"{Excerpt(code.Name)}\" does not belong to layer \"{Code.LayerName(layer)}\"");
        }

        return new Finding(code, status, Str(c, "summary"), evidence, fix, ms);
    }

    /// <summary>A verdict's code: "ok", "inconclusive", or a layer's code.</summary>
    private static Code VerdictCode(string name) =>
        name == Codes.Ok.Name ? Codes.Ok : name == Codes.Inconclusive.Name ? Codes.Inconclusive : LayerCode(name);

    private static Code LayerCode(string name) =>
        Codes.FromName(name) is { Layer: not null } code ? code : throw new FormatException($"\"{Excerpt(name)}\" is not a verdict code");

    private static Layer? OptionalLayer(JsonElement e, string name) =>
        e.TryGetProperty(name, out var l) && l.ValueKind == JsonValueKind.String ? ParseLayer(l.GetString()!) : null;

    private static Layer ParseLayer(string name) =>
        Enum.TryParse<Layer>(name, ignoreCase: true, out var layer) && Enum.IsDefined(layer) && !name.Any(char.IsDigit)
            ? layer
            : throw new FormatException($"unknown layer \"{Excerpt(name)}\"");

    private static string Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()!
            : throw new FormatException($"\"{name}\" is missing or not a string");

    private static JsonElement Obj(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? v : throw new FormatException($"\"{name}\" is missing or not an object");

    private static JsonElement.ArrayEnumerator Arr(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? v.EnumerateArray() : throw new FormatException($"\"{name}\" is missing or not an array");

    private static void Require(JsonElement e, JsonValueKind kind, string what)
    {
        if (e.ValueKind != kind)
        {
            throw new FormatException($"{what} is not a JSON {kind.ToString().ToLowerInvariant()}");
        }
    }

    /// <summary>At most 60 printable characters of untrusted text, so one line stays one line.</summary>
    public static string Excerpt(string text)
    {
        var clean = new string(text.Take(60).Select(ch => char.IsControl(ch) ? ' ' : ch).ToArray()).Trim();
        return text.Length > 60 ? clean + "…" : clean;
    }
}
