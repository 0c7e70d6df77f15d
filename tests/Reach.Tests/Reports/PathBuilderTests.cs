using Reach.Core.Model;
using Reach.Core.Observations;
using Reach.Core.Text;
using Reach.Tests.Assessment;
using Xunit;

namespace Reach.Tests.Reports;

/// <summary>The path a report draws: this host → gateway → routers → target, the blamed node or link marked with its evidence.</summary>
public sealed class PathBuilderTests
{
    [Fact]
    public void A_healthy_path_is_this_host_the_gateway_and_the_target_all_ok()
    {
        var path = Sample.Build(Observe.Healthy).Path!;

        Assert.Equal([PathRole.ThisHost, PathRole.Gateway, PathRole.Target], path.Select(h => h.Role));
        Assert.All(path, h => Assert.Equal(PathMark.Ok, h.Mark));
        Assert.Equal(Observe.Dev1, path[0].Address);
        Assert.Equal(Observe.Gateway, path[1].Address);
        Assert.Equal(Observe.Web1, path[2].Address);
    }

    [Fact]
    public void A_reject_marks_the_target_with_the_ICMP_and_its_sender()
    {
        var report = Sample.Build(Sample.Rejected);
        var target = report.Path![^1];

        Assert.Equal("port.rejected", report.Verdict.Code.Name);
        Assert.Equal(PathMark.Fails, target.Mark);
        Assert.Contains("from 10.1.2.5", target.Label, StringComparison.Ordinal);
        Assert.Equal(PathMark.Ok, report.Path![1].Mark);
    }

    [Fact]
    public void A_router_that_refuses_to_forward_is_the_node_marked_and_what_lies_beyond_is_not_reached()
    {
        var report = Sample.Build(Sample.Prohibited);
        var path = report.Path!;

        Assert.Equal("route.prohibited", report.Verdict.Code.Name);
        Assert.Equal(PathMark.Fails, path[1].Mark);
        Assert.Contains("admin-prohibited (3/13) from 10.1.1.1", path[1].Label, StringComparison.Ordinal);
        Assert.Equal(PathMark.NotReached, path[^1].Mark);
    }

    [Fact]
    public void No_carrier_breaks_the_link_out_of_this_host()
    {
        var report = Sample.Build(Sample.LinkDown);
        var path = report.Path!;

        Assert.Equal("link.down", report.Verdict.Code.Name);
        Assert.Equal(PathMark.Ok, path[0].Mark);
        Assert.Equal(PathMark.LinkFails, path[1].Mark);
        Assert.StartsWith("link.down:", path[1].Label, StringComparison.Ordinal);
    }

    [Fact]
    public void Silence_after_a_router_breaks_the_link_after_the_last_hop_that_answered()
    {
        var router = System.Net.IPAddress.Parse("10.9.0.1");
        var o = Observe.Healthy with
        {
            TargetPing = Observe.Silent(Observe.Web1),
            Connect = Observe.Tcp(TcpResult.Silent),
            Trace = Observe.Trace(Observe.Gateway, router, null, null),
        };
        var report = Sample.Build(o);
        var path = report.Path!;

        Assert.Equal("route.unreachable", report.Verdict.Code.Name);
        Assert.Equal([PathRole.ThisHost, PathRole.Gateway, PathRole.Router, PathRole.Target], path.Select(h => h.Role));
        Assert.Equal(router, path[2].Address);
        Assert.Equal(PathMark.LinkFails, path[3].Mark);
        Assert.Contains("silence after hop 2 (10.9.0.1)", path[3].Label, StringComparison.Ordinal);
    }

    [Fact]
    public void A_quiet_router_that_a_later_hop_answers_after_is_drawn_and_not_blamed()
    {
        var router = System.Net.IPAddress.Parse("10.9.0.1");
        var report = Sample.Build(Observe.Healthy with { Trace = Observe.Trace(Observe.Gateway, null, router, Observe.Web1) });
        var path = report.Path!;

        Assert.True(report.Verdict.IsOk);
        Assert.Equal([PathRole.ThisHost, PathRole.Gateway, PathRole.Router, PathRole.Router, PathRole.Target], path.Select(h => h.Role));
        Assert.Equal(PathMark.Silent, path[2].Mark);
        Assert.Null(path[2].Address);
        Assert.Equal([PathMark.Ok, PathMark.Ok, PathMark.Silent, PathMark.Ok, PathMark.Ok], path.Select(h => h.Mark));
    }

    [Fact]
    public void A_router_beyond_the_gateway_that_refuses_is_drawn_from_its_ICMP_and_marked_not_the_target()
    {
        var report = Sample.Build(Sample.ProhibitedBeyond);
        var path = report.Path!;

        Assert.Equal("route.prohibited", report.Verdict.Code.Name);
        Assert.Equal([PathRole.ThisHost, PathRole.Gateway, PathRole.Router, PathRole.Target], path.Select(h => h.Role));
        Assert.Equal(Sample.RouterBeyond, path[2].Address);
        Assert.Equal([PathMark.Ok, PathMark.Ok, PathMark.Fails, PathMark.NotReached], path.Select(h => h.Mark));
        Assert.Contains("admin-prohibited (3/13) from 10.1.9.2", path[2].Label, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dead_host_behind_the_gateway_is_the_target_marked_and_the_silent_TTL_where_it_stood_is_not_a_router()
    {
        var report = Sample.Build(Sample.HostDown);
        var path = report.Path!;

        Assert.Equal("route.host-unreachable", report.Verdict.Code.Name);
        Assert.Equal([PathRole.ThisHost, PathRole.Gateway, PathRole.Target], path.Select(h => h.Role));
        Assert.Equal([PathMark.Ok, PathMark.Ok, PathMark.Fails], path.Select(h => h.Mark));
        Assert.Contains("host-unreachable (3/1) from 10.1.1.1", path[2].Label, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gateway_that_forwards_nothing_breaks_the_link_after_it_not_the_target()
    {
        var report = Sample.Build(Sample.ForwardDrop);
        var path = report.Path!;

        Assert.Equal("route.unreachable", report.Verdict.Code.Name);
        Assert.Equal([PathRole.ThisHost, PathRole.Gateway, PathRole.Target], path.Select(h => h.Role));
        Assert.Equal([PathMark.Ok, PathMark.Ok, PathMark.LinkFails], path.Select(h => h.Mark));
        Assert.Contains("silence after hop 1 (10.1.1.1)", path[2].Label, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reject_sent_by_a_router_marks_the_router()
    {
        var report = Sample.Build(Observe.Healthy with { Connect = Observe.Tcp(TcpResult.IcmpError, new IcmpReport(Sample.RouterBeyond, 3, 3)), Trace = null });
        var path = report.Path!;

        Assert.Equal("port.rejected", report.Verdict.Code.Name);
        Assert.Equal([PathMark.Ok, PathMark.Ok, PathMark.Fails, PathMark.NotReached], path.Select(h => h.Mark));
        Assert.Equal(Sample.RouterBeyond, path[2].Address);
    }

    [Fact]
    public void Silence_at_the_port_of_a_host_that_answers_ping_breaks_the_link_to_it()
    {
        var report = Sample.Build(Observe.Healthy with { Connect = Observe.Tcp(TcpResult.Silent), Trace = null });
        var path = report.Path!;

        Assert.Equal("port.filtered", report.Verdict.Code.Name);
        Assert.Equal([PathMark.Ok, PathMark.Ok, PathMark.LinkFails], path.Select(h => h.Mark));
    }

    [Fact]
    public void A_name_that_does_not_resolve_marks_no_node_and_the_target_is_not_reached()
    {
        var o = Observe.Healthy with
        {
            Address = null,
            Route = null,
            Dns = Observe.DnsOk with
            {
                System = new SystemLookup("web1", [], "name not found", 1),
                Queries = [new DnsAnswer(Observe.Nameserver, "web1.example.net.", DnsResult.NxDomain, [], 1)],
            },
            TargetPing = null,
            Connect = null,
            Trace = null,
        };
        var report = Sample.Build(o);
        var path = report.Path!;

        Assert.Equal("dns.nxdomain", report.Verdict.Code.Name);
        Assert.DoesNotContain(path, h => h.Mark is PathMark.Fails or PathMark.LinkFails);
        Assert.Equal(PathMark.NotReached, path[^1].Mark);
    }

    [Fact]
    public void An_inconclusive_verdict_marks_no_node()
    {
        var path = Reach.Core.Paths.PathBuilder.Build(Sample.Rejected, new Verdict(Codes.Inconclusive, Layer.Port, Message.Verbatim("undecided"), Message.Verbatim("run as root")));

        Assert.All(path, h => Assert.Equal(PathMark.Ok, h.Mark));
    }
}
