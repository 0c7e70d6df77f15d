using System.Text.RegularExpressions;
using Reach.Cli;
using Reach.Cli.Commands;
using Reach.Cli.Rendering;
using Reach.Core.Model;
using Reach.Core.Text;
using Reach.Tests.Assessment;
using Xunit;

namespace Reach.Tests.Reports;

/// <summary>Every sentence in every language: the message files are complete, --help and the assessors' messages included.</summary>
public sealed partial class LanguageTests
{
    public static TheoryData<string> Languages() => [.. Catalog.Available.Where(l => l != "en")];

    [Fact]
    public void Korean_is_embedded()
    {
        Assert.Contains("en", Catalog.Available);
        Assert.Contains("ko", Catalog.Available);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_message_has_its_form_in_every_language_with_the_same_placeholders(string language)
    {
        var other = Catalog.For(language);
        var missing = Catalog.English.Keys.Where(k => !other.Keys.Contains(k)).ToList();
        Assert.True(missing.Count == 0, $"{language}.json lacks: {string.Join(", ", missing)}");
        Assert.Empty(other.Keys.Except(Catalog.English.Keys));
        foreach (var key in Catalog.English.Keys)
        {
            Assert.True(Placeholders(Catalog.English.Template(key)!).SetEquals(Placeholders(other.Template(key)!)), $"{language}: {key} has other placeholders than English");
        }
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_help_text_has_its_message_and_English_matches_the_code(string language)
    {
        using var run = CliRun.Create();
        var root = ReachCli.Build(run.Context);
        var problems = new List<string>();
        foreach (var (key, get, _) in HelpText.Symbols(root))
        {
            if (get() is not { Length: > 0 } english)
            {
                continue;
            }

            if (Catalog.English.Template(key) != english)
            {
                problems.Add($"en.json \"{key}\": \"{System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping.Encode(english)}\",");
            }

            if (!Catalog.For(language).Keys.Contains(key))
            {
                problems.Add($"{language}.json lacks \"{key}\"");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void A_converted_assessor_speaks_Korean_with_its_facts()
    {
        var report = Sample.Build(Sample.LinkDown);
        var link = report.Checks.Single(c => c.Layer == Layer.Link);
        var ko = ReportWords.For("ko");

        Assert.Equal("eth0에 물리적 연결(carrier)이 없습니다 (operstate down): 케이블, 스위치 포트 또는 상대편 장비가 내려가 있습니다", ko.Summary(link));
        Assert.Null(ko.Original(link));
        Assert.Contains("ethtool eth0", ko.Fix(report), StringComparison.Ordinal);
        Assert.Contains("스위치 포트", ko.Fix(report), StringComparison.Ordinal);
    }

    [Fact]
    public void A_finding_without_messages_is_said_by_its_code_meaning_with_the_English_kept()
    {
        // A finding made from a remote end's JSON report carries English only.
        var english = new Finding(Codes.PortRejected, CheckStatus.Fail, Message.Verbatim("10.1.2.5 itself rejects the SYN to port 80"), [], Message.Verbatim("On 10.1.2.5: remove the REJECT rule."));
        var ko = ReportWords.For("ko");

        Assert.StartsWith("SYN에 ICMP unreachable이 돌아옵니다", ko.Summary(english), StringComparison.Ordinal);
        Assert.Equal("10.1.2.5 itself rejects the SYN to port 80", ko.Original(english));
        Assert.Contains("REJECT 규칙", ko.Fix(english), StringComparison.Ordinal);
    }

    [Fact]
    public void English_says_exactly_what_the_assessors_said()
    {
        var report = Sample.Build(Sample.Rejected);
        var en = ReportWords.English;

        Assert.Equal(Catalog.English.Format(report.Verdict.Summary), en.Summary(report));
        Assert.Equal(Catalog.English.Format(report.Verdict.Fix), en.Fix(report));
        Assert.All(report.Checks, f => Assert.Equal(Catalog.English.Format(f.Summary), en.Summary(f)));
        Assert.All(report.Checks, f => Assert.Null(en.Original(f)));
    }

    [Theory]
    [InlineData(new string[0], null, null, "ko_KR.UTF-8", "ko")]
    [InlineData(new string[0], null, "en_US.UTF-8", "ko_KR.UTF-8", "en")]
    [InlineData(new string[0], "ko_KR.UTF-8", "en_US.UTF-8", "en_US.UTF-8", "ko")]
    [InlineData(new string[0], "", "", "C.UTF-8", "en")]
    [InlineData(new string[0], null, null, "fr_FR.UTF-8", "en")]
    [InlineData(new[] { "check", "web1:80", "--lang", "ko" }, null, null, "en_US.UTF-8", "ko")]
    [InlineData(new[] { "--lang=en", "check", "web1:80" }, null, null, "ko_KR.UTF-8", "en")]
    public void The_language_is_lang_then_LC_ALL_then_LC_MESSAGES_then_LANG(string[] args, string? lcAll, string? lcMessages, string? lang, string expected)
    {
        var env = new Dictionary<string, string?> { ["LC_ALL"] = lcAll, ["LC_MESSAGES"] = lcMessages, ["LANG"] = lang };

        var (language, error) = LanguageChoice.Choose(args, k => env[k]);

        Assert.Equal(expected, language);
        Assert.Null(error);
    }

    [Fact]
    public void An_unknown_lang_is_a_usage_error_that_lists_the_languages()
    {
        var (_, error) = LanguageChoice.Choose(["--lang", "xx"], _ => null);

        Assert.Equal("--lang 'xx' is not a language reach speaks (en, ko)", error);
    }

    private static HashSet<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value)];

    [GeneratedRegex(@"\{[a-z-]+\}")]
    private static partial Regex Placeholder();
}
