using System.Diagnostics;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Xunit;

namespace Reach.Lab.Tests;

/// <summary>
/// Every report format from real runs: a healthy check and a failing one at each layer (link, gateway,
/// DNS, a router's ICMP, port, the host being gone, and `reach local` before a firewall DROP). The
/// Markdown is read back by Markdig, the HTML opened in headless Chromium, whose screenshot is kept in
/// out/test-artefacts/ for a person to look at.
/// </summary>
[Collection(LabGroup.Name)]
public sealed partial class ReportScenarios
{
    private static readonly MarkdownPipeline Gfm = new MarkdownPipelineBuilder().UsePipeTables().Build();

    private static string Artefacts { get; } = Directory.CreateDirectory(Path.Combine(Lab.RepoRoot, "out", "test-artefacts")).FullName;

    public static TheoryData<string, string, string, string, string?> Scenarios() => new()
    {
        // fault, host, target, expected verdict, the node of the path that is marked (data-role) or null for none
        { string.Empty, "dev1", "web1:80", "ok", null },
        { "link-down", "dev1", "web1:80", "link.down", "gateway" },
        { "bogus-gateway", "dev1", "web1:80", "gateway.unreachable", "gateway" },
        // The name never became an address: no node of the way failed, the target is not reached.
        { "dns-stopped", "dev1", "web1:80", "dns.nameserver-down", null },
        { "gw-prohibit", "dev1", "web1:80", "route.prohibited", "gateway" },
        // A router no route entry names, known only by its ICMP: drawn and marked, the target (which answers ping) not.
        { "r2-prohibit", "dev1", "web2:80", "route.prohibited", "router" },
        { "web1-down", "dev1", "web1:80", "route.host-unreachable", "target" },
        // Silence after the gateway: the link to the target is what is marked (link-fails), not the target.
        { "gw-forward-drop", "dev1", "web1:80", "route.unreachable", "target" },
        { "web1-reject", "dev1", "web1:80", "port.rejected", "target" },
        { "web1-drop", "web1", "80", "firewall.drop", null },
    };

    [LabTheory]
    [MemberData(nameof(Scenarios))]
    public void Every_format_tells_the_same_verdict(string fault, string host, string target, string code, string? markedRole)
    {
        // Each format is its own run of reach, each on a freshly reset lab: back-to-back runs of the
        // same check can differ today (web1-down: the gateway's ICMP rate limit and neighbour state
        // after a first run turn !H into silence), which is the engine's matter, not the renderers'.
        void Fresh()
        {
            if (fault.Length == 0)
            {
                Lab.Reset();
            }
            else
            {
                Lab.Reset(fault);
            }
        }

        Fresh();
        string[] args = host == "web1" ? ["local", target, "--from", "10.1.1.7"] : ["check", target];
        var name = "lab-" + (fault.Length == 0 ? "healthy" : fault);
        var exit = code == "ok" ? 0 : 1;

        var json = Lab.Json(host, args);
        json.ShouldBe(code, exit);

        Fresh();
        var text = Reach(host, [.. args, "--format", "text"]);
        Assert.Equal(exit, text.ExitCode);
        Assert.Contains($" verdict  {code} — ", text.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', text.Stdout + text.Stderr);

        Fresh();
        var md = Path.Combine(Artefacts, name + ".md");
        var markdown = Reach(host, [.. args, "--format", "markdown", "--out", md]);
        Assert.Equal(exit, markdown.ExitCode);
        Assert.Empty(markdown.Stdout);
        var doc = Markdown.Parse(File.ReadAllText(md), Gfm);
        var layers = doc.Descendants<Table>().First();
        Assert.Equal(1 + json.Root.GetProperty("checks").GetArrayLength(), layers.Count);
        Assert.Contains($"<code>{code}</code>", Markdown.ToHtml(File.ReadAllText(md), Gfm), StringComparison.Ordinal);

        Fresh();
        var htmlFile = Path.Combine(Artefacts, name + ".html");
        var html = Reach(host, [.. args, "--format", "html", "--out", htmlFile]);
        Assert.Equal(exit, html.ExitCode);
        Assert.Empty(Reference().Matches(File.ReadAllText(htmlFile)));

        var dom = Chromium(htmlFile, "--dump-dom");
        Chromium(htmlFile, $"--screenshot={Path.Combine(Artefacts, name + ".png")}", "--window-size=1100,1000", "--hide-scrollbars");
        Assert.Contains($"id=\"verdict\" data-code=\"{code}\"", dom, StringComparison.Ordinal);
        var hops = Regex.Matches(dom, "<g class=\"hop ([\\w-]+)\" data-role=\"(\\w+)\"").Select(m => (Mark: m.Groups[1].Value, Role: m.Groups[2].Value)).ToList();
        var marked = hops.Select((h, i) => (h.Role, Index: i)).Where(x => hops[x.Index].Mark is "fails" or "link-fails").ToList();
        if (markedRole is null)
        {
            Assert.Empty(marked);
        }
        else
        {
            Assert.Equal([markedRole], marked.Select(m => m.Role));
        }

        // The JSON, the text and the Markdown draw the same path: as many nodes, the same one marked.
        var textPath = PathNodes(text.Stdout, " path ");
        var mdPath = PathNodes(File.ReadAllText(md), "**Path:** ");
        if (host == "web1")
        {
            Assert.Null(textPath);
            Assert.Null(mdPath);
            Assert.False(json.Root.TryGetProperty("path", out var none) && none.ValueKind == System.Text.Json.JsonValueKind.Array, "reach local has no path");
            return;
        }

        var jsonPath = json.Root.GetProperty("path").EnumerateArray().Select(h => h.GetProperty("mark").GetString()!).ToList();
        Assert.Equal(hops.Count, jsonPath.Count);
        Assert.Equal(hops.Count, textPath!.Count);
        Assert.Equal(hops.Count, mdPath!.Count);
        int[] crossed = [.. marked.Select(m => m.Index)];
        Assert.Equal(crossed, jsonPath.Select((m, i) => (m, i)).Where(x => x.m is "fails" or "link-fails").Select(x => x.i));
        Assert.Equal(marked.Select(m => hops[m.Index].Mark), crossed.Select(i => jsonPath[i]));
        Assert.Equal(crossed, textPath.Select((n, i) => (n, i)).Where(x => x.n.Contains('✘', StringComparison.Ordinal)).Select(x => x.i));
        Assert.Equal(crossed, mdPath.Select((n, i) => (n, i)).Where(x => x.n.Contains('✘', StringComparison.Ordinal)).Select(x => x.i));
    }

    // The nodes of the path line that starts with `label`, or null when the report has no path.
    private static List<string>? PathNodes(string report, string label) =>
        report.Split('\n').FirstOrDefault(l => l.StartsWith(label, StringComparison.Ordinal)) is { } line
            ? [.. line[label.Length..].Trim().Split(" → ")]
            : null;

    [LabFact]
    public void The_seeds_reject_in_Korean_and_in_English()
    {
        Lab.Reset("web1-reject");

        var korean = Lab.Run("ip", ["netns", "exec", Lab.Ns("dev1"), "env", "LANG=ko_KR.UTF-8", Lab.Reach, "check", "web1:80"], TimeSpan.FromSeconds(60));
        var english = Lab.Run("ip", ["netns", "exec", Lab.Ns("dev1"), "env", "LANG=C.UTF-8", Lab.Reach, "check", "web1:80"], TimeSpan.FromSeconds(60));
        File.WriteAllText(Path.Combine(Artefacts, "lab-web1-reject.ko.txt"), korean.Stdout);
        File.WriteAllText(Path.Combine(Artefacts, "lab-web1-reject.en.txt"), english.Stdout);

        Assert.Equal(1, korean.ExitCode);
        Assert.Contains(" 판정  port.rejected — 80 포트로 보낸 SYN을 10.1.2.5 자신이 ICMP port-unreachable", korean.Stdout, StringComparison.Ordinal);
        Assert.Contains(" 조치  10.1.2.5에서: 80 포트에 대한 REJECT 규칙을 지우거나 범위를 좁히세요(그 호스트에서 `reach local 80 --from 10.1.1.7`", korean.Stdout, StringComparison.Ordinal);
        Assert.Contains("물리적으로 연결되어 있습니다", korean.Stdout, StringComparison.Ordinal);
        // Every sentence is Korean: no line is an English sentence kept under a code's meaning.
        Assert.All(korean.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1), line => Assert.Matches(@"\p{IsHangulSyllables}", line));
        Assert.Equal(1, english.ExitCode);
        Assert.Contains(" verdict  port.rejected — ", english.Stdout, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\p{IsHangulSyllables}", english.Stdout);
    }

    [LabFact]
    public void A_status_line_never_reaches_a_pipe()
    {
        Lab.Reset("web1-down");

        var run = Reach("dev1", ["check", "web1:80"]);

        Assert.Equal(1, run.ExitCode);
        Assert.DoesNotContain('\r', run.Stderr);
        Assert.DoesNotContain("waiting", run.Stderr, StringComparison.Ordinal);
    }

    [LabTheory]
    // fault on the lab, fault of the remote lab, joined verdict, the mark on this host's path (and the node, when it is sure), the server's mark
    [InlineData("web1-drop", "", "firewall.drop", "fails", "target", "fails")]
    [InlineData("", "gw-drop-syn80", "route.unreachable", "link-fails", null, "silent")]
    public void The_html_of_a_server_run_draws_the_server_and_marks_the_failing_hop(string labFault, string remoteFault, string code, string mark, string? markedRole, string serverMark)
    {
        var remoteLab = Path.Combine(Lab.RepoRoot, "lab", "remote-lab.sh");
        Lab.Reset(labFault.Length == 0 ? [] : [labFault]);
        Lab.Run("bash", [remoteLab, "up"], TimeSpan.FromSeconds(30)).EnsureSuccess("remote-lab up");
        if (remoteFault.Length > 0)
        {
            Lab.Run("bash", [remoteLab, "fault", remoteFault], TimeSpan.FromSeconds(30)).EnsureSuccess($"remote-lab fault {remoteFault}");
        }

        var ssh = Lab.Run("bash", [remoteLab, "ssh-command"], TimeSpan.FromSeconds(10)).Stdout.Trim();
        var name = $"lab-server-{(labFault + remoteFault)}";
        var htmlFile = Path.Combine(Artefacts, name + ".html");
        var run = Lab.Run("ip", ["netns", "exec", Lab.Ns("dev1"), "env", "LANG=C.UTF-8", $"REACH_SSH_COMMAND={ssh}", Lab.Reach,
            "check", "web1:80", "--server", "ssh://web1", "--remote-reach", Lab.Reach, "--format", "html", "--out", htmlFile], TimeSpan.FromSeconds(60));
        Assert.Equal(1, run.ExitCode);
        Assert.Empty(Reference().Matches(File.ReadAllText(htmlFile)));

        var dom = Chromium(htmlFile, "--dump-dom");
        Chromium(htmlFile, $"--screenshot={Path.Combine(Artefacts, name + ".png")}", "--window-size=1300,900", "--hide-scrollbars");
        Assert.Contains($"id=\"verdict\" data-code=\"{code}\"", dom, StringComparison.Ordinal);

        // This host's path is marked for the joined verdict, and the server is drawn beside the target with its own view.
        var hops = Regex.Matches(dom, "<g class=\"hop [\\w-]+\" data-role=\"(\\w+)\" data-lane=\"([\\w-]+)\" data-mark=\"([\\w-]+)\"( data-host=\"([^\"]*)\")?")
            .Select(m => (Role: m.Groups[1].Value, Lane: m.Groups[2].Value, Mark: m.Groups[3].Value, Host: m.Groups[5].Value)).ToList();
        Assert.Equal(("this-host", "ok"), (hops[0].Lane, hops[0].Mark));
        // The SYNs dropped by gw: the link after the last hop that answered (the gateway, or a silent TTL after it) is broken.
        var marked = Assert.Single(hops, h => h.Lane == "this-host" && h.Mark is "fails" or "link-fails");
        Assert.Equal(mark, marked.Mark);
        Assert.Equal(markedRole ?? marked.Role, marked.Role);
        var server = hops.Single(h => h.Role == "remote");
        Assert.Equal(("server", "web1", serverMark), (server.Lane, server.Host, server.Mark));
        Assert.Contains(">the same host</text>", dom, StringComparison.Ordinal);
        Assert.Matches("<figcaption>✘ [^<]*web1[^<]*: " + Regex.Escape(code) + ": ", dom);
    }

    private static ProcessResult Reach(string host, IReadOnlyList<string> args) =>
        Lab.Run("ip", ["netns", "exec", Lab.Ns(host), "env", "LANG=C.UTF-8", Lab.Reach, .. args], TimeSpan.FromSeconds(60));

    private static string Chromium(string htmlFile, params string[] what)
    {
        var profile = Directory.CreateTempSubdirectory("h-chromium-profile-");
        try
        {
            var start = new ProcessStartInfo("chromium") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                         "--disable-component-update", "--disable-sync", $"--user-data-dir={profile.FullName}", .. what, new Uri(htmlFile).AbsoluteUri])
            {
                start.ArgumentList.Add(a);
            }

            using var p = Process.Start(start)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            _ = p.StandardError.ReadToEndAsync();
            Assert.True(p.WaitForExit(TimeSpan.FromSeconds(60)), "chromium ran longer than 60 s");
            Assert.Equal(0, p.ExitCode);
            return stdout.Result;
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }

    [GeneratedRegex(@"\b(src|href|srcset|poster|action|xlink:href)\s*=|https?://|//[a-z0-9.-]+\.[a-z]{2,}", RegexOptions.IgnoreCase)]
    private static partial Regex Reference();
}
