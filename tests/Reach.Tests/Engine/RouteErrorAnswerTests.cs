using System.Net.Sockets;
using Reach.Engine;
using Xunit;

namespace Reach.Tests.Engine;

/// <summary>
/// The kernel's answer to a failed route decision. The error texts are what `ip -j route get ADDR from
/// CLIENT iif IF` printed in a scratch namespace: no route with forwarding off and on, and unreachable,
/// prohibit and blackhole routes, for both families.
/// </summary>
public sealed class RouteErrorAnswerTests
{
    [Theory]
    [InlineData("RTNETLINK answers: No route to host", false)]
    [InlineData("RTNETLINK answers: No route to host", null)]
    [InlineData("RTNETLINK answers: Invalid argument", true)]
    public void Ipv4_failures_the_kernel_drops_silently(string error, bool? forwarding) =>
        Assert.Null(RouteErrorAnswer.For(error, AddressFamily.InterNetwork, forwarding));

    [Theory]
    [InlineData("RTNETLINK answers: Network is unreachable", true, 0)]
    [InlineData("RTNETLINK answers: No route to host", true, 1)]
    [InlineData("RTNETLINK answers: Permission denied", true, 13)]
    public void Ipv4_failures_with_forwarding_on_answer_with_destination_unreachable(string error, bool forwarding, int code)
    {
        var answer = RouteErrorAnswer.For(error, AddressFamily.InterNetwork, forwarding);

        Assert.Equal((3, code, false), (answer!.IcmpType, answer.IcmpCode, answer.TcpReset));
    }

    [Theory]
    [InlineData("RTNETLINK answers: Network is unreachable", 0)]
    [InlineData("RTNETLINK answers: No route to host", 0)]
    [InlineData("RTNETLINK answers: Permission denied", 1)]
    public void Ipv6_failures_answer_whatever_the_forwarding_setting(string error, int code)
    {
        var answer = RouteErrorAnswer.For(error, AddressFamily.InterNetworkV6, inputForwarding: false);

        Assert.Equal((1, code), (answer!.IcmpType, answer.IcmpCode));
    }

    [Fact]
    public void An_ipv6_blackhole_is_silent() =>
        Assert.Null(RouteErrorAnswer.For("RTNETLINK answers: Invalid argument", AddressFamily.InterNetworkV6, inputForwarding: true));
}
