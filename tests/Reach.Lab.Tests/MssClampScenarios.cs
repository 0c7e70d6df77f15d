using Xunit;

namespace Reach.Lab.Tests;

/// <summary>
/// Issue 17, a fixed black hole recognised: route.mtu-blackhole recommends an MSS clamp; applied on the router,
/// real transfers work while big DF echoes still vanish. reach must then say ok (TCP's segments fit), not the
/// black hole it no longer is for TCP.
/// </summary>
[Collection(LabGroup.Name)]
public sealed class MssClampScenarios
{
    /// <summary>curl's exit status and "HTTP-CODE BYTES" for web2's 20 kB page (a black hole hangs it: code 200, 0 bytes, timeout).</summary>
    private static ProcessResult BigPage() =>
        Lab.Exec("dev1", ["curl", "-sS", "-o", "/dev/null", "-w", "%{http_code} %{size_download}", "--max-time", "5", "http://10.1.4.5/big.html"]);

    [LabFact]
    public void The_mss_clamp_the_black_hole_verdict_recommends_makes_the_check_ok_and_the_big_page_load()
    {
        Lab.Reset("mtu-blackhole");
        var before = Lab.Json("dev1", "check", "web2:80");
        before.ShouldBe("route.mtu-blackhole", 1);
        Assert.Contains("--clamp-mss-to-pmtu", before.VerdictFix, StringComparison.Ordinal);
        Assert.NotEqual(0, BigPage().ExitCode);

        // The clamp as the fix prints it, on gw: TCPMSS --clamp-mss-to-pmtu takes the smaller MTU of both sides
        // of the router, so it clamps the SYN (out the 1400 link) and the SYN-ACK (whose way back is that link) alike.
        Lab.Exec("gw", ["iptables", "-t", "mangle", "-A", "FORWARD", "-p", "tcp", "--tcp-flags", "SYN,RST", "SYN", "-j", "TCPMSS", "--clamp-mss-to-pmtu"])
            .EnsureSuccess("MSS clamp on gw");

        var page = BigPage();
        Assert.Equal(0, page.ExitCode);
        Assert.Equal("200 20035", page.Stdout.Trim());
        for (var i = 0; i < 2; i++)
        {
            var after = Lab.Json("dev1", "check", "web2:80");
            after.ShouldBe("ok", 0);
            Assert.Equal("warn", after.Status("route"));
            Assert.Equal("route.mtu-blackhole", after.Check("route").GetProperty("code").GetString());
            var route = after.Check("route").GetProperty("summary").GetString()!;
            Assert.Contains("clamped to 1348 (segments of 1400 bytes)", route, StringComparison.Ordinal);
            Assert.Contains("only ICMP and UDP packets over 1400 bytes", route, StringComparison.Ordinal);
        }
    }
}
