using System.Text;
using System.Text.Json;
using Reach.Core.Contract;
using Reach.Core.Joining;
using Reach.Core.Model;
using Reach.Core.Text;
using Xunit;

namespace Reach.Tests.Contract;

/// <summary>
/// reach/1 in one place (Reach.Core.Contract): the reports recorded from the real CLI read back, written
/// again byte for byte (the fields added since are the only difference), stable across a round trip,
/// and valid against docs/reach-1.schema.json.
/// </summary>
public sealed class ContractTests
{
    public static IEnumerable<object[]> Recorded() => RecordedReports.All();

    private static (Report Report, IReadOnlyList<RemoteEnd>? Remotes) Parse(string text)
    {
        Assert.True(ReportJson.TryParse(text, out var report, out var remotes, out var error), error);
        return (report, remotes);
    }

    [Fact]
    public void Every_kind_of_recorded_report_is_there()
    {
        var names = Recorded().Select(r => (string)r[0]).ToList();

        // A check, a local, a --server and a --compare report, one with several addresses: the fields each adds are covered.
        Assert.Contains(names, n => n.Contains("check-", StringComparison.Ordinal));
        Assert.Contains(names, n => n.Contains("local-", StringComparison.Ordinal));
        Assert.Contains(names, n => RecordedReports.Read(n).Contains("\"role\": \"server\"", StringComparison.Ordinal));
        Assert.Contains(names, n => RecordedReports.Read(n).Contains("\"role\": \"compare\"", StringComparison.Ordinal));
        Assert.Contains(names, n => RecordedReports.Read(n).Contains("\"addressOutcomes\"", StringComparison.Ordinal));
        Assert.Contains(names, n => RecordedReports.Read(n).Contains("\"ok\": false", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Recorded))]
    public void A_recorded_report_is_written_again_byte_for_byte(string fixture)
    {
        var recorded = RecordedReports.Read(fixture);
        var (report, remotes) = Parse(recorded);

        var written = ReportJson.Serialize(report, remotes);

        // The fields added since the older recordings (verdict.actions, path) are the only difference allowed;
        // recordings made since then (Fixtures/paths) carry them too, so both sides are compared without them.
        Assert.Equal(WithoutAdded(recorded), WithoutAdded(written));
    }

    [Theory]
    [MemberData(nameof(Recorded))]
    public void Write_parse_write_gives_the_same_bytes(string fixture)
    {
        var (report, remotes) = Parse(RecordedReports.Read(fixture));
        var first = ReportJson.Serialize(report, remotes);

        var (again, againRemotes) = Parse(first);

        Assert.Equal(first, ReportJson.Serialize(again, againRemotes));
    }

    [Theory]
    [MemberData(nameof(Recorded))]
    public void A_recorded_report_and_its_rewrite_are_valid_against_the_schema(string fixture)
    {
        var recorded = RecordedReports.Read(fixture);
        var (report, remotes) = Parse(recorded);

        Assert.Empty(ReportSchema.Problems(recorded));
        Assert.Empty(ReportSchema.Problems(ReportJson.Serialize(report, remotes)));
    }

    [Fact]
    public void Actions_and_path_are_written_and_read_back()
    {
        var (report, _) = Parse(RecordedReports.Read(Path.Combine("reports", "check-gw-prohibit.json")));
        var actions = new[]
        {
            new FixAction(null, "iptables -D OUTPUT 1", null, Message.Of("verdict.see-evidence")),
            new FixAction(System.Net.IPAddress.Parse("10.1.2.5"), "iptables -D INPUT 1", "iptables-save > /etc/iptables/rules.v4", Message.Verbatim("the rule drops it")),
        };
        PathHop[] path =
        [
            new(PathRole.ThisHost, "this host (eth0)", System.Net.IPAddress.Parse("10.1.1.7"), PathMark.Ok),
            new(PathRole.Router, "hop 2: *", null, PathMark.Silent, "2  *"),
            new(PathRole.Target, "web1 (10.1.2.5)", System.Net.IPAddress.Parse("10.1.2.5"), PathMark.Fails) { LabelText = Message.Verbatim("port.rejected: REJECT") },
        ];
        var withBoth = report with { Verdict = report.Verdict with { Actions = actions }, Path = path };

        var text = ReportJson.Serialize(withBoth);
        using var doc = JsonDocument.Parse(text);
        var (back, _) = Parse(text);

        var a = doc.RootElement.GetProperty("verdict").GetProperty("actions");
        Assert.Equal("this host", a[0].GetProperty("on").GetString());
        Assert.Equal(JsonValueKind.Null, a[0].GetProperty("persist").ValueKind);
        Assert.Equal(Catalog.English.Format(Message.Of("verdict.see-evidence")), a[0].GetProperty("why").GetString());
        Assert.Equal("10.1.2.5", a[1].GetProperty("on").GetString());
        var p = doc.RootElement.GetProperty("path");
        Assert.Equal(["this-host", "router", "target"], p.EnumerateArray().Select(h => h.GetProperty("role").GetString()));
        Assert.Equal(["ok", "silent", "fails"], p.EnumerateArray().Select(h => h.GetProperty("mark").GetString()));
        Assert.Equal(JsonValueKind.Null, p[1].GetProperty("address").ValueKind);
        Assert.Equal("port.rejected: REJECT", p[2].GetProperty("label").GetString());
        Assert.Empty(ReportSchema.Problems(doc.RootElement));
        Assert.Equal(text, ReportJson.Serialize(back));
        Assert.Null(back.Verdict.Actions[0].On);
        Assert.Equal("iptables-save > /etc/iptables/rules.v4", back.Verdict.Actions[1].Persist);
    }

    [Fact]
    public void A_verdict_without_actions_writes_an_empty_array()
    {
        var (report, _) = Parse(RecordedReports.Read(Path.Combine("joins", "healthy", "local.json")));

        using var doc = JsonDocument.Parse(ReportJson.Serialize(report));

        Assert.Equal(0, doc.RootElement.GetProperty("verdict").GetProperty("actions").GetArrayLength());
    }

    [Fact]
    public async Task Writing_to_a_stream_gives_the_same_bytes_sync_and_async()
    {
        var (report, remotes) = Parse(RecordedReports.Read(Path.Combine("reports", "server-web1-drop.json")));
        using var sync = new MemoryStream();
        using var async = new MemoryStream();

        ReportJson.Write(sync, report, remotes);
        await ReportJson.WriteAsync(async, report, remotes, CancellationToken.None);

        Assert.Equal(ReportJson.Serialize(report, remotes), Encoding.UTF8.GetString(sync.ToArray()));
        Assert.Equal(sync.ToArray(), async.ToArray());
    }

    [Theory]
    [InlineData("{\"schema\":\"reach/1\",\"target\":{\"input\":\"x\",\"host\":\"x\",\"port\":\"80\",\"addresses\":[]},\"verdict\":{},\"checks\":[],\"problems\":[]}", "$.target.port")]
    [InlineData("{\"schema\":\"reach/1\",\"target\":{\"input\":\"x\",\"host\":\"x\",\"port\":80,\"addresses\":[]},\"verdict\":{\"code\":\"ok\",\"layer\":null,\"summary\":\"s\"},\"checks\":[],\"problems\":[]}", "\"fix\" is missing")]
    [InlineData("{\"schema\":\"reach/1\",\"target\":{\"input\":\"x\",\"host\":\"x\",\"port\":80,\"addresses\":[]},\"verdict\":{\"code\":\"ok\",\"layer\":null,\"summary\":\"s\",\"fix\":\"f\",\"actions\":[{\"on\":\"web1\",\"run\":\"r\",\"persist\":null,\"why\":\"w\"}]},\"checks\":[],\"problems\":[]}", "neither \"this host\" nor an address")]
    [InlineData("{\"schema\":\"reach/1\",\"target\":{\"input\":\"x\",\"host\":\"x\",\"port\":80,\"addresses\":[]},\"verdict\":{\"code\":\"ok\",\"layer\":null,\"summary\":\"s\",\"fix\":\"f\"},\"checks\":[],\"problems\":[],\"path\":[{\"role\":\"moon\",\"name\":\"n\",\"address\":null,\"mark\":\"ok\",\"label\":null}]}", "unknown path role \"moon\"")]
    [InlineData("{\"schema\":\"reach/1\",\"target\":{\"input\":\"x\",\"host\":\"x\",\"port\":80,\"addresses\":[]},\"verdict\":{\"code\":\"ok\",\"layer\":null,\"summary\":\"s\",\"fix\":\"f\"},\"checks\":[],\"problems\":[],\"remote\":[{\"role\":\"peer\",\"via\":\"ssh://x\",\"ok\":false,\"error\":\"e\",\"ms\":1,\"report\":null}]}", "unknown remote role \"peer\"")]
    public void A_field_of_the_wrong_kind_is_one_line_naming_it(string text, string named)
    {
        Assert.False(ReportJson.TryParse(text, out var report, out _, out var error));
        Assert.Null(report);
        Assert.Contains(named, error, StringComparison.Ordinal);
        Assert.StartsWith("its JSON is not a reach/1 report: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
    }

    [Fact]
    public void A_report_nested_deeper_than_the_limit_is_refused()
    {
        var nested = string.Concat(Enumerable.Repeat("{\"a\":", 20)) + "1" + new string('}', 20);

        Assert.False(ReportJson.TryParse(nested, out _, out _, out var error));
        Assert.StartsWith("its JSON is malformed", error, StringComparison.Ordinal);
    }

    /// <summary>
    /// The text with every "actions" and "path" property cut out, byte ranges found by the reader: from
    /// the end of the value before (so the comma goes too) to the end of the property's value.
    /// </summary>
    private static string WithoutAdded(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var cuts = new List<(int Start, int End)>();
        var reader = new Utf8JsonReader(bytes);
        long afterPrevious = 0;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && (reader.ValueTextEquals("actions"u8) || reader.ValueTextEquals("path"u8)))
            {
                var start = (int)afterPrevious;
                reader.Skip();
                cuts.Add((start, (int)reader.BytesConsumed));
            }

            afterPrevious = reader.BytesConsumed;
        }

        var kept = new List<byte>(bytes.Length);
        var at = 0;
        foreach (var (start, end) in cuts)
        {
            kept.AddRange(bytes[at..start]);
            at = end;
        }

        kept.AddRange(bytes[at..]);
        return Encoding.UTF8.GetString([.. kept]);
    }
}
