using System.Text.Json;
using Xunit;

namespace Reach.Lab.Tests;

/// <summary>
/// `reach local` on the shapes of real hosts, built by lab/local-lab.sh in namespaces of its own
/// (l-lc client, l-lh host, l-lx container, l-lo neighbour): Docker's DNAT to a container (open, a
/// DOCKER-USER drop, a stopped container), REDIRECT, ufw with a Docker-published port, a device-bound
/// listener, a netdev ingress chain on another device, and a listener on a secondary address. Each
/// scenario also sends the client's real SYN and checks that reach says what the kernel did.
/// </summary>
[Collection(LocalCorpusGroup.Name)]
public sealed class LocalRealHostScenarios
{
    private const string Client = "10.77.1.2";

    private static string Script => Path.Combine(Lab.RepoRoot, "lab", "local-lab.sh");

    private static void Build(string fault)
    {
        if (!File.Exists(Lab.Reach))
        {
            throw new InvalidOperationException($"{Lab.Reach} is missing: publish the CLI first (scripts/build.sh).");
        }

        Lab.Run("bash", [Script, "up"], TimeSpan.FromSeconds(60)).EnsureSuccess("local-lab up");
        Lab.Run("bash", [Script, "fault", fault], TimeSpan.FromSeconds(30)).EnsureSuccess($"local-lab fault {fault}");
    }

    private static string Kernel(int port, string? to = null) =>
        Lab.Run("bash", [Script, "probe", port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. to is null ? Array.Empty<string>() : [to]], TimeSpan.FromSeconds(20)).Stdout.Trim();

    private static ReachRun Local(params string[] args)
    {
        var result = Lab.Run("bash", [Script, "local", .. args, "--json"], TimeSpan.FromSeconds(60));
        return new ReachRun(result, result.Stdout.TrimStart().StartsWith('{') ? JsonDocument.Parse(result.Stdout) : null);
    }

    private static string Fix(ReachRun run) => run.Root.GetProperty("verdict").GetProperty("fix").GetString()!;

    private static void Down() => Lab.Run("bash", [Script, "down"], TimeSpan.FromSeconds(30));

    [LabFact]
    public void Docker_published_port_is_followed_into_the_container()
    {
        try
        {
            Build("docker");
            Assert.Equal("open", Kernel(8080));
            var run = Local("8080", "--from", Client);

            run.ShouldBe("ok", 0);
            Assert.Contains("10.77.1.1:8080 → 192.168.0.2:80 by nat/DOCKER rule 1", run.Evidence("firewall"), StringComparison.Ordinal);
            Assert.Contains("forwarded out br-dummy", run.Check("firewall").GetProperty("summary").GetString(), StringComparison.Ordinal);
            Assert.Contains("listens on 0.0.0.0:80 in network namespace", run.Check("listener").GetProperty("summary").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            Down();
        }
    }

    [LabFact]
    public void A_DOCKER_USER_drop_is_the_verdict_and_the_fix_stays_in_DOCKER_USER()
    {
        try
        {
            Build("docker-user-drop");
            Assert.Equal("silence", Kernel(8080));
            var run = Local("8080", "--from", Client);

            run.ShouldBe("firewall.drop", 1);
            Assert.Contains("filter/DOCKER-USER rule 1", run.VerdictSummary, StringComparison.Ordinal);
            Assert.Contains("DOCKER-USER", Fix(run), StringComparison.Ordinal);
        }
        finally
        {
            Down();
        }
    }

    [LabFact]
    public void A_stopped_container_is_listener_none_in_its_namespace()
    {
        try
        {
            Build("docker-stopped");
            Assert.Equal("rst", Kernel(8080));
            var run = Local("8080", "--from", Client);

            run.ShouldBe("listener.none", 1);
            Assert.Contains("nothing listens on tcp/80 in network namespace", run.VerdictSummary, StringComparison.Ordinal);
        }
        finally
        {
            Down();
        }
    }

    [LabFact]
    public void Redirect_is_judged_at_the_port_it_redirects_to()
    {
        try
        {
            Build("redirect");
            Assert.Equal("open", Kernel(8081));
            Assert.Equal("rst", Kernel(8082));

            Local("8081", "--from", Client).ShouldBe("ok", 0);
            var none = Local("8082", "--from", Client);
            none.ShouldBe("listener.none", 1);
            Assert.Contains("tcp/9002", none.VerdictSummary, StringComparison.Ordinal);
        }
        finally
        {
            Down();
        }
    }

    [LabFact]
    public void Ufw_policy_drop_does_not_stop_a_port_docker_publishes()
    {
        try
        {
            Build("ufw-docker");
            Assert.Equal("open", Kernel(8080));
            Assert.Equal("silence", Kernel(8090));

            Local("8080", "--from", Client).ShouldBe("ok", 0);
            var dropped = Local("8090", "--from", Client);
            dropped.ShouldBe("firewall.drop", 1);
            Assert.Contains("policy DROP of filter/INPUT", dropped.VerdictSummary, StringComparison.Ordinal);
            Assert.Equal("warn", dropped.Status("listener"));
        }
        finally
        {
            Down();
        }
    }

    [LabFact]
    public void A_listener_bound_to_another_device_is_not_reachable()
    {
        try
        {
            Build("bind-device");
            Assert.Equal("rst", Kernel(9100));
            var run = Local("9100", "--from", Client);

            run.ShouldBe("listener.none", 1);
            Assert.Contains("%br-dummy", run.VerdictSummary, StringComparison.Ordinal);
            Assert.Contains("SO_BINDTODEVICE", run.VerdictSummary, StringComparison.Ordinal);
        }
        finally
        {
            Down();
        }
    }

    [LabFact]
    public void An_ingress_chain_on_another_device_does_not_apply_and_one_on_the_clients_does()
    {
        try
        {
            Build("ingress-other");
            Assert.Equal("open", Kernel(22));
            var other = Local("22", "--from", Client);
            other.ShouldBe("ok", 0);
            Assert.Contains("ingress chain of eth1", other.Evidence("firewall"), StringComparison.Ordinal);

            Build("ingress-eth0");
            Assert.Equal("silence", Kernel(22));
            var eth0 = Local("22", "--from", Client);
            eth0.ShouldBe("firewall.drop", 1);
            Assert.Contains("netdev edge/ingress", eth0.VerdictSummary, StringComparison.Ordinal);
        }
        finally
        {
            Down();
        }
    }

    [LabFact]
    public void A_listener_on_a_secondary_address_is_asked_about_with_to()
    {
        try
        {
            Build("secondary");
            Assert.Equal("open", Kernel(7000, "10.77.1.10"));
            Assert.Equal("rst", Kernel(7000));

            Local("7000", "--from", Client, "--to", "10.77.1.10").ShouldBe("ok", 0);
            var primary = Local("7000", "--from", Client);
            primary.ShouldBe("listener.none", 1);
            Assert.Contains("not on 10.77.1.1", primary.VerdictSummary, StringComparison.Ordinal);
        }
        finally
        {
            Down();
        }
    }
}
