using System.Net;
using Reach.Core.Model;
using Reach.Core.Observations;
using Reach.Core.Targets;
using Reach.Core.Text;
using Reach.Engine;
using Xunit;
using static Reach.Tests.Engine.LabNetwork;

namespace Reach.Tests.Engine;

/// <summary>
/// Reports read cold (issue 17): every line of a report agrees with its verdict, read by someone who sees
/// nothing else. The system is what a real `reach check` on the lab's dev1 read under the fault
/// (Fixtures/check, capture.sh); the probes answer as the lab answered them in that run (out/reach --verbose).
/// </summary>
public sealed class ColdReadTests
{
    private static readonly IPAddress Dev1 = IPAddress.Parse("10.1.1.7");

    private static Task<Report> RunAsync(string fixture, ScriptedNetwork network) => StrictReplay.CheckAsync(fixture, network);

    private static string Line(Report report, Layer layer) => Catalog.English.Format(report.Checks.Single(c => c.Layer == layer).Summary);

    /// <summary>
    /// dev1-output-reset: dev1's own OUTPUT REJECT --reject-with tcp-reset answers every SYN, the trace's TTL=1
    /// SYNs too, with an RST in web1's name and TTL 64 (made here); the echo (ICMP) passes and comes back from web1
    /// with TTL 63.
    /// </summary>
    [Fact]
    public async Task An_RST_this_hosts_own_rule_forged_is_not_said_to_come_from_the_target_nor_drawn_as_the_path()
    {
        var network = Healthy();
        network.Syn = (to, _, _, _) => new TcpOutcome(to, TcpResult.Reset, 0.3, AnswerTtl: 64);

        var report = await RunAsync("dev1-output-reset", network);

        Assert.Equal("local.firewall", report.Verdict.Code.Name);
        var port = Line(report, Layer.Port);
        Assert.Contains("never left", port, StringComparison.Ordinal);
        Assert.DoesNotContain("RST from", port, StringComparison.Ordinal);
        var route = Line(report, Layer.Route);
        Assert.Equal("route.ok", report.Checks.Single(c => c.Layer == Layer.Route).Code.Name);
        Assert.DoesNotContain("path", route, StringComparison.Ordinal);
        Assert.Contains(report.Checks.Single(c => c.Layer == Layer.Route).Evidence, e => e.Source.Contains("own OUTPUT rule", StringComparison.Ordinal));
        Assert.DoesNotContain(report.Checks, c => c.Code.Name == "route.prohibited");
    }

    /// <summary>
    /// bogus-gateway: the default route names 10.1.1.254, where nobody answers ARP; after three ARP probes dev1's own
    /// kernel answers the SYN, the echo and every TTL of the trace with host-unreachable from 10.1.1.7.
    /// </summary>
    [Fact]
    public async Task A_next_hop_that_never_answered_ARP_is_the_gateways_layer_not_local_and_this_host_is_no_router()
    {
        var report = await RunAsync("bogus-gateway", OwnArpFails(Healthy(), IPAddress.Parse("10.1.1.254"), echoToo: true));

        Assert.Equal("gateway.unreachable", report.Verdict.Code.Name);
        Assert.Equal("local.ok", report.Checks.Single(c => c.Layer == Layer.Local).Code.Name);
        var port = Line(report, Layer.Port);
        Assert.Contains("10.1.1.254", port, StringComparison.Ordinal);
        Assert.Contains("see gateway", port, StringComparison.Ordinal);
        Assert.DoesNotContain("see local", port, StringComparison.Ordinal);
        Assert.DoesNotContain(report.Path!, h => h.Role == PathRole.Router && Equals(h.Address, Dev1));
    }

    /// <summary>
    /// policy-port-dead-gw: `ip rule ipproto tcp dport 80 lookup 100`, table 100's gateway 10.1.1.250 absent. The
    /// SYNs wait on its ARP and get dev1's own host-unreachable; the echo takes the main table (via gw) and web1 answers it.
    /// </summary>
    [Fact]
    public async Task An_echo_that_took_another_route_than_the_flow_says_so_and_the_path_has_no_self_hop()
    {
        var report = await RunAsync("policy-port-dead-gw", OwnArpFails(Healthy(), IPAddress.Parse("10.1.1.250"), echoToo: false));

        Assert.Equal("gateway.unreachable", report.Verdict.Code.Name);
        var route = Line(report, Layer.Route);
        Assert.Contains("via 10.1.1.1", route, StringComparison.Ordinal);
        Assert.Contains("via 10.1.1.250 (table 100)", route, StringComparison.Ordinal);
        Assert.DoesNotContain("path 10.1.1.7", route, StringComparison.Ordinal);
        var port = Line(report, Layer.Port);
        Assert.Contains("10.1.1.250", port, StringComparison.Ordinal);
        Assert.Contains("see gateway", port, StringComparison.Ordinal);
        Assert.DoesNotContain(report.Path!, h => h.Role == PathRole.Router && Equals(h.Address, Dev1));
    }

    /// <summary>iface-down: no route at all, so nothing was sent to the nameserver; it sits on eth0's own subnet when eth0 is up.</summary>
    [Fact]
    public async Task A_nameserver_this_host_has_no_route_to_is_not_called_off_this_subnet()
    {
        var report = await RunAsync("iface-down", new ScriptedNetwork());

        Assert.Equal("interface.down", report.Verdict.Code.Name);
        var dns = Line(report, Layer.Dns);
        Assert.DoesNotContain("off this subnet", dns, StringComparison.Ordinal);
        Assert.Contains("no route to nameserver 10.1.1.3", dns, StringComparison.Ordinal);
    }

    /// <summary>link-down: eth0 has no carrier, so nothing reaches the nameserver on its subnet; it is not the nameserver that is down.</summary>
    [Fact]
    public async Task A_nameserver_behind_an_interface_without_carrier_is_not_said_to_be_down()
    {
        var report = await RunAsync("link-down", new ScriptedNetwork());

        Assert.Equal("link.down", report.Verdict.Code.Name);
        var dns = Line(report, Layer.Dns);
        Assert.Contains("eth0, the interface this host reaches it by, has no carrier", dns, StringComparison.Ordinal);
        Assert.DoesNotContain("it is down or the address is wrong", dns, StringComparison.Ordinal);
    }

    /// <summary>
    /// dev1 sends to <paramref name="deadHop"/>, whom nobody answers: three ARP probes a second apart (the kernel's
    /// defaults), then every packet queued for it gets dev1's own host-unreachable (the SYNs always; the echo only when
    /// it takes that route too). ARP requests and pings to the dead hop stay unanswered.
    /// </summary>
    private static ScriptedNetwork OwnArpFails(ScriptedNetwork n, IPAddress deadHop, bool echoToo)
    {
        var resolution = TimeSpan.FromSeconds(3);
        var healthyEcho = n.Echo;
        var healthySolicit = n.Solicit;
        n.Echo = (a, count) => a.Equals(deadHop) ? null
            : echoToo && a.Equals(Web1) ? new Scripted<PingOutcome>(new PingOutcome(a, PingResult.Error, resolution.TotalMilliseconds, new IcmpReport(Dev1, 3, 1)), resolution)
            : healthyEcho(a, count);
        n.Solicit = (device, a) => a.Equals(deadHop) ? null : healthySolicit(device, a);
        n.Syn = (to, _, _, _) => to.Address.Equals(Web1)
            ? new Scripted<TcpOutcome>(Unreachable(to, Dev1, 1, resolution.TotalMilliseconds), resolution)
            : null;
        return n;
    }
}
