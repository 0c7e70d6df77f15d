using Reach.Cli;
using Reach.Cli.Batch;
using Reach.Core.Batch;
using Xunit;

namespace Reach.Tests.Batch;

/// <summary>The flows file of reach batch: what it accepts, and every mistake as bad input (exit 2) naming its line.</summary>
public sealed class FlowsFileTests
{
    private const string Issue = """
        flows:
          - { name: web-to-db, to: db:5432, expect: reachable }
          - { name: no-ssh-from-dmz, from: https://dmz1:9917, to: 10.0.0.5:22, expect: blocked }
          - { name: api, from: ssh://dev2, to: api:443, expect: ok }      # or an exact verdict code
        """;

    [Fact]
    public void The_issue_example_reads_as_three_flows()
    {
        var flows = FlowsFile.Parse(Issue, "flows.yaml");

        Assert.Equal(["web-to-db", "no-ssh-from-dmz", "api"], flows.Select(f => f.Name));
        Assert.Equal([2, 3, 4], flows.Select(f => f.Line));
        Assert.Equal(FlowOriginKind.ThisHost, flows[0].From.Kind);
        Assert.Equal(("db", 5432), (flows[0].To.Host, flows[0].To.Port));
        Assert.Equal(ExpectationKind.Reachable, flows[0].Expect.Kind);
        Assert.Equal((FlowOriginKind.Agent, "dmz1"), (flows[1].From.Kind, flows[1].From.Host));
        Assert.Equal(ExpectationKind.Blocked, flows[1].Expect.Kind);
        Assert.Equal((FlowOriginKind.Ssh, "dev2"), (flows[2].From.Kind, flows[2].From.Host));
        Assert.Equal(new Expectation(ExpectationKind.Code, "ok"), flows[2].Expect);
    }

    [Fact]
    public void Block_style_url_target_and_source_are_read()
    {
        var flows = FlowsFile.Parse("""
            # the matrix for web1
            flows:
              - name: web
                to: http://web1/
                expect: firewall.reject
                source: 10.1.1.8
              - to: "[2001:db8::5]:443"
                expect: blocked
            """, "f.yaml");

        Assert.Equal(80, flows[0].To.Port);
        Assert.Equal("10.1.1.8", flows[0].Source!.ToString());
        Assert.Equal("firewall.reject", flows[0].Expect.Code);
        Assert.Equal(3, flows[0].Line);
        Assert.Equal("[2001:db8::5]:443", flows[1].Name);
    }

    [Theory]
    [InlineData("flows:\n  - { to: web1:80, expect: reachable\n", 3, "not valid YAML: .*flow mapping")]
    [InlineData("flows:\n  - { to: web1:80, expect: reachabel }\n", 2, "expect 'reachabel'")]
    [InlineData("flows:\n  - to: web1:80\n    expect: firewall.dorp\n", 3, "expect 'firewall.dorp'")]
    [InlineData("flows:\n  - { to: web1:80 }\n", 2, "no 'expect:'")]
    [InlineData("flows:\n  - { expect: blocked }\n", 2, "no 'to:'")]
    [InlineData("flows:\n  - { to: web1:80, expect: blocked, form: ssh://dev2 }\n", 2, "'form' is not a flow field")]
    [InlineData("flows:\n  - { to: web1:80, expect: blocked }\n  - { to: 'web1:99999', expect: blocked }\n", 3, "to:")]
    [InlineData("flows:\n  - { to: web1:80, expect: blocked, from: ftp://dev2 }\n", 2, "from 'ftp://dev2'")]
    [InlineData("flows:\n  - { to: web1:80, expect: blocked, from: 'ssh://-oProxyCommand=x' }\n", 2, "from 'ssh://")]
    [InlineData("flows:\n  - { name: a, to: web1:80, expect: blocked }\n  - { name: a, to: web1:22, expect: blocked }\n", 3, "used twice \\(first on line 2\\)")]
    [InlineData("flows:\n  - { to: web1:80, expect: blocked, source: dev2 }\n", 2, "source 'dev2'")]
    [InlineData("flows:\n  - { to: [web1, web2], expect: blocked }\n", 2, "'to' needs one value")]
    [InlineData("flows:\n  - web1:80\n", 2, "each flow is a mapping")]
    [InlineData("flows: []\n", 1, "no flows")]
    [InlineData("flow:\n  - { to: web1:80, expect: blocked }\n", 1, "'flow' is not known")]
    [InlineData("- { to: web1:80, expect: blocked }\n", 1, "one mapping")]
    [InlineData("", 1, "one mapping")]
    [InlineData("flows:\n  - { to: web1:80, expect: blocked }\n---\nflows: []\n", 4, "second YAML document")]
    [InlineData("flows:\n  - { to: web1:80, expect: blocked, to: web1:81 }\n", 2, "YAML|twice|key")]
    public void A_bad_file_is_a_usage_error_naming_the_line(string text, int line, string reason)
    {
        var e = Assert.Throws<ReachException>(() => FlowsFile.Parse(text, "flows.yaml"));

        Assert.Equal(ExitCode.Usage, e.ExitCode);
        Assert.StartsWith($"flows.yaml, line {line}: ", e.Message, StringComparison.Ordinal);
        Assert.Matches(reason, e.Message);
    }
}
