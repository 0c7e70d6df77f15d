using Xunit;

namespace Reach.Lab.Tests;

/// <summary>
/// Fixes that fix (issue 17): for each server-firewall fault, `reach local 80 --from 10.1.1.7` on web1
/// gives verdict.actions; each `run` is applied literally in the namespace of the host `on` names, and then
/// reach says ok on both ends and a real client (curl from dev1) gets its page.
/// </summary>
[Collection(LabGroup.Name)]
public sealed class FixScenarios
{
    [LabTheory]
    [InlineData("web1-reject", "firewall.reject")]
    [InlineData("web1-drop", "firewall.drop")]
    [InlineData("user-chain-reject", "firewall.reject")]
    [InlineData("conntrack-new-drop", "firewall.drop")]
    [InlineData("allow-dev2-only", "firewall.drop")]
    [InlineData("policy-drop-ssh-only", "firewall.drop")]
    [InlineData("nft-inet-drop", "firewall.drop")]
    public void Applied_actions_make_the_next_run_ok_and_the_page_load(string fault, string code)
    {
        Lab.Reset(fault);
        var before = Lab.Json("web1", "local", "80", "--from", "10.1.1.7");
        before.ShouldBe(code, 1);

        var actions = before.Root.GetProperty("verdict").GetProperty("actions").EnumerateArray().ToList();
        Assert.NotEmpty(actions);
        foreach (var action in actions)
        {
            Assert.Equal("this host", action.GetProperty("on").GetString());
            var applied = Lab.Exec("web1", ["sh", "-c", action.GetProperty("run").GetString()!]);
            Assert.True(applied.ExitCode == 0, $"{action.GetProperty("run").GetString()} failed: {applied.Stderr}");
        }

        Lab.Json("web1", "local", "80", "--from", "10.1.1.7").ShouldBe("ok", 0);
        Lab.Json("dev1", "check", "web1:80").ShouldBe("ok", 0);
        var page = Lab.Exec("dev1", ["curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "5", "http://web1.example.net/"]);
        Assert.Equal("200", page.Stdout.Trim());
    }
}
