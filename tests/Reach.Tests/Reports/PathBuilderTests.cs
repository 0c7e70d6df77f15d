using Reach.Core.Model;
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
            Connect = Observe.Tcp(Reach.Core.Observations.TcpResult.Silent),
            Trace = Observe.Trace(Observe.Gateway, router, null, null),
        };
        var report = Sample.Build(o);
        var path = report.Path!;

        Assert.Equal("route.unreachable", report.Verdict.Code.Name);
        var r = path.Single(h => Equals(h.Address, router));
        var after = path[path.ToList().IndexOf(r) + 1];
        Assert.Equal(PathMark.LinkFails, after.Mark);
        Assert.Contains("silence after hop 2 (10.9.0.1)", after.Label, StringComparison.Ordinal);
        Assert.Contains(path, h => h.Mark == PathMark.Silent);
    }
}
