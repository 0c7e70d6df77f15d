using System.Xml.Linq;
using Xunit;

namespace Reach.Lab.Tests;

/// <summary>
/// `reach batch` over the lab, the way a firewall change is validated: the matrix says what the network
/// should do once web1 refuses port 80 (blocked from dev1 and from dev2 over SSH, ssh still reachable,
/// nothing listening on 81). Run from dev1 before the change (exit 1: 80 still answers) and after it
/// (`lab.sh fault web1-reject`, a real iptables REJECT: exit 0), with JUnit XML a CI system reads.
/// </summary>
[Collection(LabGroup.Name)]
public sealed class BatchScenarios : IDisposable
{
    private const string Flows = """
        # What web1 should look like once port 80 is closed to the LAN.
        flows:
          - { name: http-blocked-from-dev1, to: web1:80, expect: blocked }
          - { name: http-blocked-from-dev2, from: ssh://dev2, to: web1:80, expect: blocked }
          - name: ssh-still-open
            to: 10.1.2.5:22
            expect: reachable
          - { name: nothing-on-81, to: web1:81, expect: port.closed }
        """;

    private readonly string dir = Directory.CreateTempSubdirectory("reach-batch-lab-").FullName;

    public void Dispose() => Directory.Delete(dir, true);

    private static string RemoteLab => Path.Combine(Lab.RepoRoot, "lab", "remote-lab.sh");

    private ProcessResult Batch(params string[] args)
    {
        var ssh = Lab.Run("bash", [RemoteLab, "ssh-command"], TimeSpan.FromSeconds(10)).Stdout.Trim();
        var flows = Path.Combine(dir, "flows.yaml");
        File.WriteAllText(flows, Flows);
        return Lab.Exec("dev1", ["env", $"REACH_SSH_COMMAND={ssh}", Lab.Reach, "batch", flows, "--remote-reach", Lab.Reach, .. args], TimeSpan.FromSeconds(120));
    }

    private static Dictionary<string, XElement> Cases(string xml)
    {
        var doc = XDocument.Parse(xml);
        Assert.Equal("testsuites", doc.Root!.Name.LocalName);
        var suite = Assert.Single(doc.Root.Elements("testsuite"));
        Assert.Equal("flows.yaml", (string)suite.Attribute("name")!);
        var cases = suite.Elements("testcase").ToList();
        Assert.Equal(4, cases.Count);
        Assert.Equal(cases.Count, (int)suite.Attribute("tests")!);
        Assert.Equal(cases.Count(c => c.Element("failure") is not null), (int)suite.Attribute("failures")!);
        Assert.Equal(cases.Count(c => c.Element("error") is not null), (int)suite.Attribute("errors")!);
        Assert.All(cases, c => Assert.True(double.Parse((string)c.Attribute("time")!, System.Globalization.CultureInfo.InvariantCulture) >= 0));
        return cases.ToDictionary(c => (string)c.Attribute("name")!);
    }

    [LabFact]
    public void Matrix_fails_before_the_change_and_passes_after_it_with_junit_for_ci()
    {
        Lab.Reset();
        Lab.Run("bash", [RemoteLab, "up"], TimeSpan.FromSeconds(30)).EnsureSuccess("remote-lab up");

        var before = Batch("--format", "junit", "--out", Path.Combine(dir, "before.xml"));
        var beforeText = Batch();

        Lab.Run("bash", [Lab.Script, "fault", "web1-reject"], TimeSpan.FromSeconds(30)).EnsureSuccess("lab fault web1-reject");
        var after = Batch("--format", "junit", "--out", Path.Combine(dir, "after.xml"));
        var afterText = Batch();

        Assert.True(before.ExitCode == 1, $"before the change: exit {before.ExitCode}\n{before.Stderr}\n{beforeText.Stdout}");
        Assert.Equal(string.Empty, before.Stdout);
        var b = Cases(File.ReadAllText(Path.Combine(dir, "before.xml")));
        Assert.Equal("ok", (string)b["http-blocked-from-dev1"].Element("failure")!.Attribute("type")!);
        Assert.Equal("ok", (string)b["http-blocked-from-dev2"].Element("failure")!.Attribute("type")!);
        Assert.Null(b["ssh-still-open"].Element("failure"));
        Assert.Null(b["nothing-on-81"].Element("failure"));
        Assert.Equal(1, beforeText.ExitCode);
        Assert.EndsWith("2 as expected, 2 not", beforeText.Stdout.TrimEnd(), StringComparison.Ordinal);

        Assert.True(after.ExitCode == 0, $"after the change: exit {after.ExitCode}\n{after.Stderr}\n{afterText.Stdout}");
        var a = Cases(File.ReadAllText(Path.Combine(dir, "after.xml")));
        Assert.All(a.Values, c => Assert.Null(c.Element("failure")));
        Assert.All(a.Values, c => Assert.Null(c.Element("error")));
        Assert.Contains("verdict: port.rejected", (string)a["http-blocked-from-dev1"].Element("system-out")!, StringComparison.Ordinal);
        Assert.Contains("verdict: port.rejected", (string)a["http-blocked-from-dev2"].Element("system-out")!, StringComparison.Ordinal);
        Assert.Contains("via: ssh://dev2", (string)a["http-blocked-from-dev2"].Element("system-out")!, StringComparison.Ordinal);
        var lines = afterText.Stdout.TrimEnd().Split('\n');
        Assert.Equal(5, lines.Length);
        Assert.Equal("4 as expected, 0 not", lines[^1]);
        Assert.All(lines[..^1], l => Assert.StartsWith("PASS", l, StringComparison.Ordinal));
    }

    [LabFact]
    public void A_flow_whose_remote_end_cannot_be_asked_is_exit_3_and_a_junit_error()
    {
        Lab.Reset();
        Lab.Run("bash", [RemoteLab, "up"], TimeSpan.FromSeconds(30)).EnsureSuccess("remote-lab up");
        Lab.Run("bash", [RemoteLab, "fault", "sshd-stopped"], TimeSpan.FromSeconds(30)).EnsureSuccess("remote-lab fault sshd-stopped");
        var flows = Path.Combine(dir, "one.yaml");
        File.WriteAllText(flows, "flows:\n  - { name: from-web1, from: ssh://web1, to: 10.1.1.8:22, expect: reachable }\n  - { name: here, to: web1:80, expect: reachable }\n");
        var ssh = Lab.Run("bash", [RemoteLab, "ssh-command"], TimeSpan.FromSeconds(10)).Stdout.Trim();

        var run = Lab.Exec("dev1", ["env", $"REACH_SSH_COMMAND={ssh}", Lab.Reach, "batch", flows, "--remote-reach", Lab.Reach, "--format", "junit"], TimeSpan.FromSeconds(60));

        Assert.True(run.ExitCode == 3, $"exit {run.ExitCode}\n{run.Stdout}\n{run.Stderr}");
        var suite = XDocument.Parse(run.Stdout).Root!.Element("testsuite")!;
        Assert.Equal(1, (int)suite.Attribute("errors")!);
        Assert.Equal(0, (int)suite.Attribute("failures")!);
        var error = suite.Elements("testcase").Single(c => (string)c.Attribute("name")! == "from-web1").Element("error")!;
        Assert.Contains("ssh://web1", (string)error.Attribute("message")!, StringComparison.Ordinal);
    }
}
