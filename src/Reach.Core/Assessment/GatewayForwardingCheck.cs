using System.Globalization;
using System.Net.Sockets;
using Reach.Core.Decisions;
using Reach.Core.Model;
using Reach.Core.Observations;
using Reach.Core.Text;

namespace Reach.Core.Assessment;

/// <summary>
/// A gateway that answers ping but forwards nothing: a Linux router with forwarding off drops what is not
/// for itself before the TTL is even looked at (ip_route_input_slow: no forwarding, EHOSTUNREACH; ip_error
/// sends nothing then; IPv6's ip6_forward the same), so a TTL=1 probe gets no time-exceeded, while a router
/// that forwards sends one (ip_forward checks the TTL before the FORWARD hook, so even a FORWARD DROP does).
/// A router's ICMP budget can swallow a time-exceeded too: only a first hop that stays silent when asked
/// again after the budget refilled counts, and only when nothing at all came back through the gateway.
/// </summary>
internal static class GatewayForwardingCheck
{
    public static Finding? Assess(ClientObservations o, PeerProbe gw, List<Evidence> evidence)
    {
        if (!Equals(o.Route?.Gateway, gw.Address)
            || o.Connect is not { Result: TcpResult.Silent }
            || o.TargetPing is { Replied: true } || o.TargetPing?.Icmp is not null
            || o.Trace is not { } trace || trace.Hops.Count == 0 || trace.Hops.Any(h => !h.Silent)
            || o.FirstHopAgain is not { Result: TcpResult.Silent } again)
        {
            return null;
        }

        evidence.AddRange(trace.Hops.Select(h => new Evidence($"tcp trace to {trace.Target}:{trace.Port}", h.Describe())));
        evidence.Add(new Evidence("TTL 1 again", string.Create(CultureInfo.InvariantCulture,
            $"sent alone {2 * ProbeTiming.IcmpTokenInterval.TotalSeconds:0} s after this host's last packet through the gateway (its ICMP rate limit has refilled): {again.Describe()}")));
        var v6 = gw.Address.AddressFamily == AddressFamily.InterNetworkV6;
        var address = gw.Address.ToString();
        return Findings.Fail(Codes.GatewayNotForwarding,
            Message.Of("gateway.not-forwarding.summary", ("gateway", address), ("ms", Words.Ms(gw.Ping.Ms)), ("target", o.Connect.Target.Address.ToString())),
            Message.Of(v6 ? "gateway.not-forwarding.fix.v6" : "gateway.not-forwarding.fix", ("gateway", address)),
            evidence, gw.Ping.Ms);
    }
}
