using Xunit;

namespace Reach.Lab.Tests;

/// <summary>
/// Issue 8, point 5, for Docker: a port published with `docker run -p 8080:80`, asked about from the
/// Docker host itself. dockerd's nat OUTPUT rule (`! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j
/// DOCKER`) DNATs the host's own connection to 10.1.2.5:8080 to the container 172.17.0.2:80 (the lab's
/// `docker-published` fault: web1 is the Docker host, namespace ctr1 the container). Nothing listens on
/// 8080 on web1: what a client meets is the container's answer. Each scenario first asks the kernel with a
/// real connect() from the same namespace, then asserts that reach says what the kernel did.
/// </summary>
public sealed partial class RealNetworkScenarios
{
    private const string Published = "10.1.2.5:8080";
    private const string DockerTranslation = "10.1.2.5:8080 → 172.17.0.2:80 by nat/DOCKER rule 2";

    [LabFact]
    public void Docker_published_port_from_the_docker_host_itself_is_ok_and_names_the_translation()
    {
        Lab.Reset("docker-published");
        Assert.Equal("open", Connect("web1", "10.1.2.5", 8080));

        var run = Lab.Json("web1", "check", Published);

        run.ShouldBe("ok", 0);
        var port = run.Check("port").GetProperty("summary").GetString()!;
        Assert.Contains(DockerTranslation, port, StringComparison.Ordinal);
        Assert.Contains("172.17.0.2:80 accepts connections", port, StringComparison.Ordinal);
    }

    [LabFact]
    public void Docker_published_port_with_the_containers_server_stopped_is_port_closed_naming_the_container_as_the_kernel_refuses()
    {
        Lab.Reset("docker-published-ctr-down");
        Assert.Equal("refused", Connect("web1", "10.1.2.5", 8080));

        var run = Lab.Json("web1", "check", Published);

        run.ShouldBe("port.closed", 1);
        Assert.Contains(DockerTranslation, run.VerdictSummary, StringComparison.Ordinal);
        Assert.Contains("172.17.0.2 answers the SYN to port 80 with RST", run.VerdictSummary, StringComparison.Ordinal);
        Assert.Contains("RST from 172.17.0.2:80", run.Evidence("port"), StringComparison.Ordinal);
    }

    [LabFact]
    public void Docker_published_port_whose_container_admits_only_its_bridge_is_filtered_from_the_host_as_the_kernel_times_out()
    {
        Lab.Reset("docker-published-ctr-filter");
        // The host's own connection keeps its source 10.1.2.5 through the DNAT and is dropped; a socket to the
        // container directly comes from docker0's 172.17.0.1 and is let in. reach must ask the first way.
        Assert.Equal("timeout", Connect("web1", "10.1.2.5", 8080));
        Assert.Equal("open", Connect("web1", "172.17.0.2", 80));

        var run = Lab.Json("web1", "check", Published);

        run.ShouldBe("port.filtered", 1);
        Assert.Contains(DockerTranslation, run.VerdictSummary, StringComparison.Ordinal);
    }

    // From another host the DNAT happens in web1's nat PREROUTING and the packet is forwarded to the
    // container: dev1 only sees web1:8080 answer or refuse, and reach probes just that.

    [LabFact]
    public void Docker_published_port_from_another_host_is_ok_as_the_kernel_connects()
    {
        Lab.Reset("docker-published");
        Assert.Equal("open", Connect("dev1", "10.1.2.5", 8080));

        Lab.Json("dev1", "check", Published).ShouldBe("ok", 0);
    }

    [LabFact]
    public void Docker_published_port_from_another_host_with_the_containers_server_stopped_is_port_closed_as_the_kernel_refuses()
    {
        Lab.Reset("docker-published-ctr-down");
        Assert.Equal("refused", Connect("dev1", "10.1.2.5", 8080));

        var run = Lab.Json("dev1", "check", Published);

        run.ShouldBe("port.closed", 1);
        Assert.Contains("10.1.2.5 answers the SYN to port 8080 with RST", run.VerdictSummary, StringComparison.Ordinal);
    }

    [LabFact]
    public void Docker_published_port_from_another_host_whose_container_admits_only_its_bridge_is_filtered_as_the_kernel_times_out()
    {
        Lab.Reset("docker-published-ctr-filter");
        // Forwarded from dev1, the connection keeps dev1's 10.1.1.7 (MASQUERADE is only for the bridge's own traffic).
        Assert.Equal("timeout", Connect("dev1", "10.1.2.5", 8080));

        Lab.Json("dev1", "check", Published).ShouldBe("port.filtered", 1);
    }

    /// <summary>A plain connect() from a lab host with a 3 s timeout, as an application makes it: "open", "refused", "timeout" or the error.</summary>
    private static string Connect(string host, string address, int port) =>
        Lab.Exec(host, ["/usr/bin/python3", "-c", """
            import socket, sys
            s = socket.socket()
            s.settimeout(3)
            try:
                s.connect((sys.argv[1], int(sys.argv[2])))
                print("open")
            except ConnectionRefusedError:
                print("refused")
            except (socket.timeout, TimeoutError):
                print("timeout")
            except OSError as e:
                print(e)
            """, address, port.ToString(System.Globalization.CultureInfo.InvariantCulture)]).Stdout.Trim();
}
