using Xunit;

namespace Reach.Lab.Tests;

/// <summary>
/// Issue 8, point 5: `reach check` from a kube-proxy node to a ClusterIP. dev1's nat OUTPUT (the lab's
/// `clusterip` fault: kube-proxy's iptables rules, `statistic random 0.5`) sends each connection to
/// 10.96.0.10:80 to web1 10.1.2.5:80 or web2 10.1.4.5:80; a SYN to the ClusterIP itself proves only the
/// backend the kernel happened to pick, which is why the verdict used to flip.
/// </summary>
public sealed partial class RealNetworkScenarios
{
    private const string ClusterIp = "10.96.0.10:80";

    [LabFact]
    public void ClusterIP_with_both_endpoints_up_is_ok_and_names_both_backends()
    {
        Lab.Reset("clusterip");
        Assert.Equal("200", Fetch("http://10.96.0.10/"));

        var run = Lab.Json("dev1", "check", ClusterIp);

        run.ShouldBe("ok", 0);
        var port = run.Check("port").GetProperty("summary").GetString()!;
        Assert.Contains("10.96.0.10:80 → 10.1.2.5:80 by nat/KUBE-SEP-OZLGCL46HYI3BJJC rule 2", port, StringComparison.Ordinal);
        Assert.Contains("10.96.0.10:80 → 10.1.4.5:80 by nat/KUBE-SEP-DFJ3RRQRYJATNETI rule 2", port, StringComparison.Ordinal);
        Assert.Contains("1 in 2 connections", port, StringComparison.Ordinal);
        Assert.Contains("SYN-ACK from 10.1.2.5:80", port, StringComparison.Ordinal);
        Assert.Contains("SYN-ACK from 10.1.4.5:80", port, StringComparison.Ordinal);
    }

    [LabFact]
    public void ClusterIP_with_one_endpoint_refusing_is_port_closed_naming_it_on_3_runs_back_to_back()
    {
        Lab.Reset("clusterip-web2-down");
        // The fault is real: connections through the ClusterIP succeed for web1's share and fail (refused: Fetch prints
        // nothing) for web2's; all 20 going one way has a chance of 2 in a million.
        var fetches = Enumerable.Range(0, 20).Select(_ => Fetch("http://10.96.0.10/")).ToList();
        Assert.Contains("200", fetches);
        Assert.Contains(fetches, f => f != "200");

        var runs = BackToBack(3, ClusterIp);

        AllShouldBe(runs, "port.closed", 1);
        Assert.All(runs, r =>
        {
            Assert.Contains("1 in 2 connections go to 10.1.4.5:80 (10.96.0.10:80 → 10.1.4.5:80 by nat/KUBE-SEP-DFJ3RRQRYJATNETI rule 2)", r.VerdictSummary, StringComparison.Ordinal);
            Assert.Contains("10.1.4.5 answers the SYN to port 80 with RST", r.VerdictSummary, StringComparison.Ordinal);
            Assert.Contains("SYN-ACK from 10.1.2.5:80", r.Evidence("port"), StringComparison.Ordinal);
        });
    }

    [LabFact]
    public void ClusterIP_with_one_endpoint_behind_a_drop_is_port_filtered_naming_it()
    {
        Lab.Reset("clusterip-web2-drop");

        var run = Lab.Json("dev1", "check", ClusterIp);

        run.ShouldBe("port.filtered", 1);
        Assert.Contains("1 in 2 connections go to 10.1.4.5:80 (10.96.0.10:80 → 10.1.4.5:80 by nat/KUBE-SEP-DFJ3RRQRYJATNETI rule 2)", run.VerdictSummary, StringComparison.Ordinal);
        Assert.Contains("SYN-ACK from 10.1.2.5:80", run.Evidence("port"), StringComparison.Ordinal);
    }

    // ---------------------------------------------------------------- kube-proxy's nftables mode

    [LabFact]
    public void ClusterIP_in_kube_proxys_nft_mode_with_both_endpoints_up_is_ok_and_names_both_backends()
    {
        Lab.Reset("clusterip-nft");
        Assert.Equal("200", Fetch("http://10.96.0.10/"));

        var run = Lab.Json("dev1", "check", ClusterIp);

        run.ShouldBe("ok", 0);
        var port = run.Check("port").GetProperty("summary").GetString()!;
        Assert.Contains("10.96.0.10:80 → 10.1.2.5:80 by kube-proxy/endpoint-OZLGCL46-default/web/tcp/http__10.1.2.5/80 rule 2", port, StringComparison.Ordinal);
        Assert.Contains("10.96.0.10:80 → 10.1.4.5:80 by kube-proxy/endpoint-DFJ3RRQR-default/web/tcp/http__10.1.4.5/80 rule 2", port, StringComparison.Ordinal);
        Assert.Contains("1 in 2 connections", port, StringComparison.Ordinal);
    }

    [LabFact]
    public void ClusterIP_in_kube_proxys_nft_mode_with_one_endpoint_refusing_is_port_closed_naming_it_on_3_runs_back_to_back()
    {
        Lab.Reset("clusterip-nft-web2-down");

        var runs = BackToBack(3, ClusterIp);

        AllShouldBe(runs, "port.closed", 1);
        Assert.All(runs, r => Assert.Contains("1 in 2 connections go to 10.1.4.5:80 (10.96.0.10:80 → 10.1.4.5:80 by kube-proxy/endpoint-DFJ3RRQR-default/web/tcp/http__10.1.4.5/80 rule 2", r.VerdictSummary, StringComparison.Ordinal));
    }
}
