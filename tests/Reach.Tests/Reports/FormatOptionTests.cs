using Xunit;

namespace Reach.Tests.Reports;

/// <summary>--format, --out and --json on a captured server (web1 with the seed's REJECT), run in-process.</summary>
public sealed class FormatOptionTests
{
    [Theory]
    [InlineData("markdown", "**verdict:** `firewall.reject`")]
    [InlineData("html", "data-code=\"firewall.reject\"")]
    [InlineData("json", "\"code\": \"firewall.reject\"")]
    [InlineData("text", " verdict  firewall.reject — ")]
    public async Task Each_format_carries_the_verdict_and_the_exit_status_is_the_same(string format, string expected)
    {
        var (exit, stdout, stderr) = await CliRun.RunAsync("local", "80", "--from", "10.1.1.7", "--format", format);

        Assert.Equal(1, exit);
        Assert.Empty(stderr);
        Assert.Contains(expected, stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Out_writes_the_file_and_nothing_to_stdout()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("h-out-").FullName, "report.html");

        var (exit, stdout, stderr) = await CliRun.RunAsync("local", "80", "--from", "10.1.1.7", "--format", "html", "--out", file);

        Assert.Equal(1, exit);
        Assert.Empty(stdout);
        Assert.Empty(stderr);
        Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(file), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--json --format html", "--json and --format html disagree")]
    [InlineData("--format xml", "xml")]
    [InlineData("--out /nonexistent-h/report.md", "--out /nonexistent-h/report.md: the folder /nonexistent-h does not exist")]
    public async Task Contradictions_and_impossible_files_are_usage_errors_with_nothing_on_stdout(string options, string message)
    {
        var (exit, stdout, stderr) = await CliRun.RunAsync(["local", "80", "--from", "10.1.1.7", .. options.Split(' ')]);

        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_with_format_json_agrees()
    {
        var (exit, stdout, _) = await CliRun.RunAsync("local", "80", "--from", "10.1.1.7", "--json", "--format", "json");

        Assert.Equal(1, exit);
        Assert.StartsWith("{", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_JSON_stays_English_in_Korean()
    {
        var (_, english, _) = await CliRun.RunAsync("local", "80", "--from", "10.1.1.7", "--json");
        var (_, korean, _) = await CliRun.RunAsync("local", "80", "--from", "10.1.1.7", "--json", "--lang", "ko");

        Assert.Equal(english, korean);
    }

    [Fact]
    public async Task A_Korean_text_report_has_Korean_headings()
    {
        var (exit, stdout, _) = await CliRun.RunAsync("local", "80", "--from", "10.1.1.7", "--lang", "ko");

        Assert.Equal(1, exit);
        Assert.Contains(" 판정  firewall.reject — ", stdout, StringComparison.Ordinal);
        Assert.Contains("방화벽이 10.1.1.7에서 오는 tcp/80 패킷을 ", stdout, StringComparison.Ordinal);
        Assert.Contains("(으)로 거부합니다(REJECT): iptables filter/INPUT rule 1", stdout, StringComparison.Ordinal);
    }
}
