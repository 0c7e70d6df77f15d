using System.Xml.Linq;
using Reach.Tests.Cli;
using Xunit;

namespace Reach.Tests.Batch;

/// <summary>A flow this build cannot run (an agent URL, until reach serve's client is in) is said as such: exit 3, a JUnit error, never a guess.</summary>
public sealed class AgentFlowTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("reach-agent-").FullName;

    public void Dispose() => Directory.Delete(dir, true);

    [Fact]
    public async Task An_agent_flow_that_cannot_be_asked_is_exit_3_and_a_junit_error()
    {
        var flows = Path.Combine(dir, "flows.yaml");
        File.WriteAllText(flows, "flows:\n  - { name: from-dmz, from: https://dmz1.example:9917, to: 10.0.0.5:22, expect: blocked }\n");

        var (exit, stdout, _) = await InProcessCli.RunAsync("batch", flows, "--format", "junit");

        Assert.Equal(3, exit);
        var junit = JunitWriterTests.Validate(stdout);
        var error = junit.Descendants("testcase").Single().Element("error")!;
        Assert.Equal("could-not-run", (string)error.Attribute("type")!);
        Assert.Contains("https://dmz1.example:9917", (string)error.Attribute("message")!, StringComparison.Ordinal);
        Assert.Equal(1, (int)junit.Root!.Attribute("errors")!);
    }
}
