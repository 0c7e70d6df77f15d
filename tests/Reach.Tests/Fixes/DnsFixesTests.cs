using System.Diagnostics;
using Reach.Core.Model;
using Reach.Readers.Parsing;
using Reach.Tests.Engine;
using Xunit;

namespace Reach.Tests.Fixes;

/// <summary>
/// The actions for this host's name files, from the replayed checks of the lab's no-search and stale-hosts faults,
/// run for real by sh on copies of the files those runs read: the edited file must say what the fix promised and
/// keep everything else.
/// </summary>
public sealed class DnsFixesTests : IDisposable
{
    private readonly string scratch = Directory.CreateTempSubdirectory("reach-dnsfix-").FullName;

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    private static string Captured(string fixture, string file) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "check", fixture, "files", "etc", file));

    /// <summary>The action's command, run by sh against a copy of <paramref name="file"/> in place of the real one; the copy's text after.</summary>
    private string Apply(FixAction action, string file, string text)
    {
        var copy = Path.Combine(scratch, Path.GetFileName(file));
        File.WriteAllText(copy, text);
        var run = action.Run.Replace(file, copy, StringComparison.Ordinal);
        using var sh = Process.Start(new ProcessStartInfo("sh", ["-c", run]) { RedirectStandardError = true })!;
        var error = sh.StandardError.ReadToEnd();
        sh.WaitForExit();
        Assert.True(sh.ExitCode == 0, $"{run}: {error}");
        return File.ReadAllText(copy);
    }

    [Fact]
    public async Task A_missing_search_line_is_appended_with_the_domain_the_name_was_found_in()
    {
        var (report, _, _) = await CheckReplayTests.RunAsync("search path");

        Assert.Equal("dns.search-path", report.Verdict.Code.Name);
        var action = Assert.Single(report.Verdict.Actions);
        Assert.Equal("printf 'search %s\\n' example.net >> /etc/resolv.conf", action.Run);
        Assert.Null(action.Persist);

        var before = ResolvConfParser.Parse(Captured("no-search", "resolv.conf"), "/etc/resolv.conf");
        var after = ResolvConfParser.Parse(Apply(action, "/etc/resolv.conf", Captured("no-search", "resolv.conf")), "/etc/resolv.conf");
        Assert.Equal(["example.net"], after.Search);
        Assert.Equal(before.Nameservers, after.Nameservers);
    }

    [Fact]
    public async Task The_stale_hosts_line_is_removed_and_every_other_line_kept()
    {
        var (report, _, _) = await CheckReplayTests.RunAsync("stale hosts line");

        Assert.Equal("dns.hosts-override", report.Verdict.Code.Name);
        var action = Assert.Single(report.Verdict.Actions);
        Assert.StartsWith("printf '%s\\n' \"$(awk '", action.Run, StringComparison.Ordinal);

        var captured = Captured("stale-hosts", "hosts");
        var after = Apply(action, "/etc/hosts", captured + "# a comment stays\n10.1.2.98   web1   # this one names the host too, with a comment\n10.1.2.7 web1 files\n");
        var entries = HostsParser.Parse(after);
        Assert.DoesNotContain(entries, e => e.Address.ToString() == "10.1.2.99");
        Assert.Contains(entries, e => e.Address.ToString() == "127.0.0.1" && e.Names.SequenceEqual(["localhost"]));
        // Only the line the check read: a line it did not see (another address) is not touched, nor is a comment.
        Assert.Contains("10.1.2.98   web1   # this one", after, StringComparison.Ordinal);
        Assert.Contains("# a comment stays", after, StringComparison.Ordinal);
        Assert.Contains("10.1.2.7 web1 files", after, StringComparison.Ordinal);
    }

    [Fact]
    public void A_resolv_conf_that_a_program_writes_says_so()
    {
        // systemd's own static resolv.conf (/lib/systemd/resolv.conf of Debian 12's systemd package).
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "names", "systemd-static-resolv.conf"));

        var config = ResolvConfParser.Parse(text, "/etc/resolv.conf");

        Assert.Equal("This file belongs to man:systemd-resolved(8). Do not edit.", config.Writer);
        Assert.Null(ResolvConfParser.Parse(Captured("no-search", "resolv.conf"), "/etc/resolv.conf").Writer);
    }
}
