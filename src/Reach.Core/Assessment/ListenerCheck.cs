using System.Net;
using System.Net.Sockets;
using Reach.Core.Model;
using Reach.Core.Observations;

namespace Reach.Core.Assessment;

/// <summary>
/// The seed's `netstat -lnp | grep :80` step, told apart: nothing listens, only loopback listens, only
/// the other address family listens (an IPv6-only socket while clients use IPv4), or it listens where
/// the client arrives.
/// </summary>
public static class ListenerCheck
{
    public static Finding Assess(LocalObservations o)
    {
        var what = $"{o.Protocol}/{o.Port}";
        var evidence = o.Listeners.Select(l => new Evidence("ss -lntupe", l + (l.Protocol == "tcp" ? $" (accept queue {l.QueueLength}/{l.Backlog})" : string.Empty))).ToList();
        if (o.ListenOverflows is { } overflows && o.Protocol == "tcp")
        {
            evidence.Add(new Evidence("/proc/net/netstat", $"TcpExt ListenOverflows {overflows} since boot{(o.ListenOverflowsDuring is { } during ? $", {during} while this check ran" : string.Empty)}"));
        }

        if (o.Listeners.Count == 0)
        {
            return Findings.Fail(Codes.ListenerNone, $"nothing listens on {what}: clients get {(o.Protocol == "tcp" ? "an RST (connection refused)" : "ICMP port-unreachable")}",
                $"Start the service that should serve {what}, or check the port in its configuration.", evidence);
        }

        var accepting = o.Listeners.Where(l => Accepts(l, o.LocalAddress)).ToList();
        if (accepting.Count > 0)
        {
            var l = accepting[0];
            var owner = l.Process is null ? "a process (run as root to see which)" : l.Process;
            var summary = $"{owner} listens on {l.Endpoint}{(l.Interface is null ? string.Empty : $"%{l.Interface}")}";
            if (o.Protocol == "tcp" && l.Backlog > 0 && l.QueueLength >= l.Backlog)
            {
                return Findings.Warn(Codes.ListenerOverflow,
                    $"{summary}, but its accept queue is full ({l.QueueLength}/{l.Backlog}): new connections are dropped",
                    "The service does not accept fast enough: look at its workers, or raise its backlog (and net.core.somaxconn).", evidence);
            }

            // The counter is host-wide and since boot: a host that once overflowed (or was probed by a burst of
            // SYNs) would warn for ever. Only drops counted while this check ran say something about now.
            if (o.Protocol == "tcp" && o.ListenOverflowsDuring is > 0)
            {
                return Findings.Warn(Codes.ListenerOverflow,
                    $"{summary}; this host dropped {o.ListenOverflowsDuring} connections on full accept queues while this check ran (ListenOverflows, any port)",
                    "If clients see timeouts under load, the service does not accept fast enough: check its workers and backlog.", evidence);
            }

            return Findings.Pass(Codes.ListenerOk, summary, evidence);
        }

        var family = o.LocalAddress.AddressFamily == AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4";
        if (o.LocalAddress.AddressFamily == AddressFamily.InterNetwork && o.Listeners.FirstOrDefault(l => l.Address.Equals(IPAddress.IPv6Any) && l.V6Only is null) is { } unknown)
        {
            return Findings.Inconclusive(Layer.Listener,
                $"{unknown.Process ?? "a process"} listens on [::]:{o.Port}, but whether it also accepts IPv4 (IPV6_V6ONLY) cannot be seen without sock_diag (ss)",
                evidence);
        }

        if (o.Listeners.All(l => l.IsLoopback))
        {
            return Findings.Fail(Codes.ListenerLoopbackOnly,
                $"{Owners(o.Listeners)} listen{(o.Listeners.Count == 1 ? "s" : string.Empty)} on {string.Join(", ", o.Listeners.Select(l => l.Endpoint))} only: other hosts cannot reach it",
                $"Bind the service to 0.0.0.0 (or {o.LocalAddress}) instead of loopback, in its configuration (e.g. `Listen`, `bind`, `listen_addresses`).", evidence);
        }

        if (o.Listeners.All(l => !SameFamily(l, o.LocalAddress)))
        {
            var v6only = o.Listeners.Any(l => l.Address.Equals(IPAddress.IPv6Any) && l.V6Only == true);
            return Findings.Fail(Codes.ListenerWrongFamily,
                $"{Owners(o.Listeners)} listen{(o.Listeners.Count == 1 ? "s" : string.Empty)} on {string.Join(", ", o.Listeners.Select(l => l.Endpoint))}{(v6only ? " with IPV6_V6ONLY" : string.Empty)}: {family} clients such as {o.Client} are not accepted",
                v6only
                    ? "Let the socket accept IPv4 too (clear IPV6_V6ONLY, e.g. `ipv6only=off` in the service, or net.ipv6.bindv6only=0), or listen on 0.0.0.0 as well."
                    : $"Also listen on an {family} address (0.0.0.0 or ::).",
                evidence);
        }

        return Findings.Fail(Codes.ListenerNone,
            $"{Owners(o.Listeners)} listen{(o.Listeners.Count == 1 ? "s" : string.Empty)} on {string.Join(", ", o.Listeners.Select(l => l.Endpoint))}, not on {o.LocalAddress}, where the client arrives",
            $"Bind the service to {o.LocalAddress} or to the wildcard address.", evidence);
    }

    private static string Owners(IEnumerable<Listener> listeners) =>
        string.Join(", ", listeners.Select(l => l.Process ?? "a process").Distinct());

    private static bool SameFamily(Listener l, IPAddress client) =>
        client.AddressFamily == AddressFamily.InterNetwork ? l.AcceptsIPv4 : l.AcceptsIPv6;

    /// <summary>Would a packet to <paramref name="local"/> be delivered to this socket?</summary>
    private static bool Accepts(Listener l, IPAddress local)
    {
        if (local.AddressFamily == AddressFamily.InterNetwork)
        {
            return l.Address.Equals(IPAddress.Any) || l.Address.Equals(local)
                || (l.Address.Equals(IPAddress.IPv6Any) && l.V6Only == false)
                || (l.Address.IsIPv4MappedToIPv6 && l.Address.MapToIPv4().Equals(local));
        }

        return l.Address.Equals(IPAddress.IPv6Any) || l.Address.Equals(local);
    }
}
