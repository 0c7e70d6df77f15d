using Xunit;

namespace Reach.Lab.Tests;

/// <summary>
/// Issue 6, item 9: input that is not a unicast host is refused at once (exit 2, a short message on
/// stderr, nothing on stdout), a Unicode name is looked up in its IDNA form, and a closed stdout does not
/// crash the CLI. Run in dev1, so that a target that were probed would be probed inside the lab only.
/// </summary>
[Collection(LabGroup.Name)]
public sealed class InputScenarios
{
    [LabTheory]
    [InlineData("224.0.0.1:80")] // multicast (all hosts)
    [InlineData("10.1.1.255:80")] // dev1's own subnet broadcast (10.1.1.7/24)
    [InlineData("255.255.255.255:80")] // limited broadcast
    [InlineData("0.0.0.0:80")] // unspecified
    [InlineData("[ff02::1]:80")] // IPv6 multicast (all nodes)
    [InlineData("[::]:80")] // IPv6 unspecified
    public void Target_that_is_not_a_unicast_host_is_refused_with_exit_2(string target)
    {
        Lab.Reset();

        var run = Lab.Json("dev1", "check", target);

        Assert.Equal(2, run.Process.ExitCode);
        Assert.Equal(string.Empty, run.Process.Stdout);
        Assert.StartsWith("reach: ", run.Process.Stderr, StringComparison.Ordinal);
    }

    [LabFact]
    public void Unicode_name_is_looked_up_in_its_idna_form()
    {
        // The zone holds xn--wb1-bma.example.net (the IDNA form of wéb1.example.net) for 10.1.2.5.
        Lab.Reset();

        var run = Lab.Json("dev1", "check", "wéb1.example.net:80");

        run.ShouldBe("ok", 0);
        Assert.Equal("10.1.2.5", run.Root.GetProperty("target").GetProperty("addresses")[0].GetString());
    }

    [LabFact]
    public void Closed_stdout_does_not_crash_the_cli()
    {
        Lab.Reset();

        var result = Lab.Exec("dev1", ["bash", "-c", "\"$0\" check web1:80 >&-", Lab.Reach]);

        // 128+N is bash's way of saying "killed by signal N" (SIGABRT: 134).
        Assert.True(result.ExitCode < 128, $"reach died by signal {result.ExitCode - 128}: {result.Stderr}");
        Assert.DoesNotContain("Unhandled exception", result.Stderr, StringComparison.Ordinal);
    }

    [LabTheory]
    [InlineData("::1")]
    [InlineData("fd00::5")]
    public void No_port_hint_for_an_ipv6_literal_uses_brackets(string literal)
    {
        Lab.Reset();

        var run = Lab.Json("dev1", "check", literal);

        Assert.Equal(2, run.Process.ExitCode);
        Assert.Contains($"[{literal}]:", run.Process.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain($"{literal}:PORT", run.Process.Stderr, StringComparison.Ordinal);
    }

    [LabFact]
    public void Port_with_a_protocol_suffix_never_prints_a_dotnet_type_name()
    {
        Lab.Reset();

        var run = Lab.Json("dev1", "check", "web1", "--port", "53/udp");

        Assert.DoesNotMatch(@"System\.[A-Z]\w+", run.Process.Stderr);
        Assert.DoesNotMatch(@"System\.[A-Z]\w+", run.Process.Stdout);
    }

    [LabFact]
    public void A_5000_character_name_is_refused_without_echoing_it_whole()
    {
        Lab.Reset();
        var name = new string('a', 5000);

        var run = Lab.Json("dev1", "check", name + ":80");

        Assert.Equal(2, run.Process.ExitCode);
        Assert.Equal(string.Empty, run.Process.Stdout);
        Assert.DoesNotContain(name, run.Process.Stderr, StringComparison.Ordinal);
    }
}
