using Xunit;

namespace Reach.Lab.Tests;

/// <summary>
/// Issue 15, the client's side (`reach check` from dev1): a handshake is no proof that data crosses, and the
/// client's own state (its prefix, its neighbour table, its nameserver list) is named before anyone else is
/// blamed. Each scenario injects the real fault with the real tool and runs the published CLI.
/// </summary>
[Collection(LabGroup.Name)]
public sealed class ClientStateScenarios
{
    private static ReachRun Check(string fault, string target = "web1:80")
    {
        if (fault.Length == 0)
        {
            Lab.Reset();
        }
        else
        {
            Lab.Reset(fault);
        }

        return Lab.Json("dev1", "check", target);
    }

    [LabFact]
    public void A_healthy_port_answers_in_its_protocol_after_the_handshake()
    {
        var run = Check(string.Empty);

        run.ShouldBe("ok", 0);
        Assert.Contains("HTTP/1.0 200 OK", run.Check("port").GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Contains("http after the handshake: asked HEAD / HTTP/1.0: HTTP/1.0 200 OK", run.Evidence("port"), StringComparison.Ordinal);
    }

    [LabFact]
    public void A_router_whose_conntrack_sees_one_direction_is_port_no_data()
    {
        // curl connects and then gets 0 bytes: the classic tools show a working handshake.
        var run = Check("gw-one-way-state");

        run.ShouldBe("port.no-data", 1);
        Assert.Contains("no data crosses", run.VerdictSummary, StringComparison.Ordinal);
        // The server's retransmitted SYN-ACK is the proof that our ACK never arrived.
        Assert.Contains("sent its SYN-ACK again", run.VerdictSummary, StringComparison.Ordinal);
        Assert.Contains("0 acknowledged, 0 received", run.Evidence("port"), StringComparison.Ordinal);

        // Back to back, as an operator runs it twice: the same answer.
        Lab.Json("dev1", "check", "web1:80").ShouldBe("port.no-data", 1);
    }

    [LabFact]
    public void A_dead_first_nameserver_is_dns_slow_in_problems_while_the_path_is_ok()
    {
        var run = Check("dns-first-dead");

        run.ShouldBe("ok", 0);
        Assert.Equal(["dns.slow"], run.Problems);
        Assert.Equal("warn", run.Status("dns"));
        var dns = run.Check("dns");
        Assert.Equal("dns.slow", dns.GetProperty("code").GetString());
        Assert.Contains("10.1.1.4", dns.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Contains("getaddrinfo", dns.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Contains("10.1.1.4", run.Root.GetProperty("verdict").GetProperty("fix").GetString(), StringComparison.Ordinal);
    }
}
