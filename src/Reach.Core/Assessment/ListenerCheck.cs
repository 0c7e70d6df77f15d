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
    /// <summary>
    /// Judges the socket at each place the packet is delivered. What the client sees first decides: when
    /// the firewall stops every packet, a missing listener is only a warning (the client never gets as
    /// far as the socket layer, so no RST).
    /// </summary>
    public static Finding Assess(LocalObservations o)
    {
        var findings = o.Targets.Select(d => (Delivery: d, Finding: AssessDelivery(o, d))).ToList();
        var chosen = findings.FirstOrDefault(x => x.Finding.Status == CheckStatus.Fail);
        chosen = chosen.Finding is not null ? chosen
            : findings.FirstOrDefault(x => x.Finding.Status == CheckStatus.Inconclusive) is { Finding: not null } unsure ? unsure
            : findings.FirstOrDefault(x => x.Finding.Status == CheckStatus.Warn) is { Finding: not null } warn ? warn
            : findings.FirstOrDefault(x => x.Finding.Status == CheckStatus.Skip) is { Finding: not null } skip && findings.All(x => x.Finding.Status != CheckStatus.Pass) ? skip
            : findings[0];
        var finding = chosen.Finding;
        var evidence = findings.Count == 1 ? finding.Evidence : [.. findings.SelectMany(x => x.Finding.Evidence.Prepend(new Evidence("delivered", $"{x.Delivery.Where}: {x.Finding.Summary}")))];
        var failedShare = findings.Where(x => x.Finding.Status == CheckStatus.Fail).Sum(x => x.Delivery.Probability);
        var summary = findings.Count > 1 && finding.Status == CheckStatus.Fail && failedShare < 0.9999
            ? $"{finding.Summary} (for {failedShare.ToString("0.#%", System.Globalization.CultureInfo.InvariantCulture)} of connections, the random branches that go there)"
            : finding.Summary;
        if (finding.Status == CheckStatus.Fail && FirewallCheck.StopsEveryPacket(o.Firewall))
        {
            // The firewall's drop or reject is what the client sees; the socket is a second problem.
            return finding with
            {
                Status = CheckStatus.Warn,
                Summary = $"{summary.Replace(": clients get an RST (connection refused)", string.Empty, StringComparison.Ordinal).Replace(": clients get ICMP port-unreachable", string.Empty, StringComparison.Ordinal)}; the firewall stops the client's packet before it gets here",
                Evidence = evidence,
            };
        }

        return finding with { Summary = summary, Evidence = evidence };
    }

    private static Finding AssessDelivery(LocalObservations o, Delivery d)
    {
        var port = d.Port;
        var what = $"{o.Protocol}/{port}";
        var there = d.Where == "this host" ? string.Empty : $" in {d.Where}";
        if (d.Remote)
        {
            return Findings.Skip(Layer.Listener,
                $"the packet is forwarded to {d.Address}:{port}, off this host: its listener is that host's (run `reach local {port}` there)");
        }

        if (d.Unknown is { } unread)
        {
            return Findings.Inconclusive(Layer.Listener, $"the listener for {d.Address}:{port} could not be read: {unread}", []);
        }

        var listeners = d.Listeners;
        var evidence = listeners.Select(l => new Evidence(d.Where == "this host" ? "ss -lntupe" : $"ss -lntupe{there}", l + (l.Protocol == "tcp" ? $" (accept queue {l.QueueLength}/{l.Backlog})" : string.Empty))).ToList();
        if (o.ListenOverflows is { } overflows && o.Protocol == "tcp" && d.Where == "this host")
        {
            evidence.Add(new Evidence("/proc/net/netstat", $"TcpExt ListenOverflows {overflows} since boot{(o.ListenOverflowsDuring is { } during ? $", {during} while this check ran" : string.Empty)}"));
        }

        if (listeners.Count == 0)
        {
            return Findings.Fail(Codes.ListenerNone, $"nothing listens on {what}{there}: clients get {(o.Protocol == "tcp" ? "an RST (connection refused)" : "ICMP port-unreachable")}",
                $"Start the service that should serve {what}{there}, or check the port in its configuration.", evidence);
        }

        var local = d.Address;
        var accepting = listeners.Where(l => Accepts(l, local, d.InInterface, o.Protocol)).ToList();
        if (accepting.Count > 0)
        {
            var l = accepting[0];
            var owner = l.Process is null ? "a process (run as root to see which)" : l.Process;
            var summary = $"{owner} listens on {l.Endpoint}{(l.Interface is null ? string.Empty : $"%{l.Interface}")}{there}";
            if (o.Protocol == "tcp" && l.Backlog > 0 && l.QueueLength >= l.Backlog)
            {
                return Findings.Warn(Codes.ListenerOverflow,
                    $"{summary}, but its accept queue is full ({l.QueueLength}/{l.Backlog}): new connections are dropped",
                    "The service does not accept fast enough: look at its workers, or raise its backlog (and net.core.somaxconn).", evidence);
            }

            // The counter is host-wide and since boot: a host that once overflowed (or was probed by a burst of
            // SYNs) would warn for ever. Only drops counted while this check ran say something about now.
            if (o.Protocol == "tcp" && o.ListenOverflowsDuring is > 0 && d.Where == "this host")
            {
                return Findings.Warn(Codes.ListenerOverflow,
                    $"{summary}; this host dropped {o.ListenOverflowsDuring} connections on full accept queues while this check ran (ListenOverflows, any port)",
                    "If clients see timeouts under load, the service does not accept fast enough: check its workers and backlog.", evidence);
            }

            return Findings.Pass(Codes.ListenerOk, summary, evidence);
        }

        var family = (local?.AddressFamily ?? o.LocalAddress.AddressFamily) == AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4";
        if ((local?.AddressFamily ?? o.LocalAddress.AddressFamily) == AddressFamily.InterNetwork && listeners.FirstOrDefault(l => l.Address.Equals(IPAddress.IPv6Any) && l.V6Only is null) is { } unknown)
        {
            return Findings.Inconclusive(Layer.Listener,
                $"{unknown.Process ?? "a process"} listens on [::]:{port}, but whether it also accepts IPv4 (IPV6_V6ONLY) cannot be seen without sock_diag (ss)",
                evidence);
        }

        if (listeners.All(l => l.IsLoopback))
        {
            return Findings.Fail(Codes.ListenerLoopbackOnly,
                $"{Owners(listeners)} listen{(listeners.Count == 1 ? "s" : string.Empty)} on {string.Join(", ", listeners.Select(l => l.Endpoint))} only: other hosts cannot reach it",
                $"Bind the service to 0.0.0.0 (or {local}) instead of loopback, in its configuration (e.g. `Listen`, `bind`, `listen_addresses`).", evidence);
        }

        if (listeners.All(l => !SameFamily(l, local ?? o.LocalAddress)))
        {
            var v6only = listeners.Any(l => l.Address.Equals(IPAddress.IPv6Any) && l.V6Only == true);
            return Findings.Fail(Codes.ListenerWrongFamily,
                $"{Owners(listeners)} listen{(listeners.Count == 1 ? "s" : string.Empty)} on {string.Join(", ", listeners.Select(l => l.Endpoint))}{(v6only ? " with IPV6_V6ONLY" : string.Empty)}: {family} clients such as {o.Client} are not accepted",
                v6only
                    ? "Let the socket accept IPv4 too (clear IPV6_V6ONLY, e.g. `ipv6only=off` in the service, or net.ipv6.bindv6only=0), or listen on 0.0.0.0 as well."
                    : $"Also listen on an {family} address (0.0.0.0 or ::).",
                evidence);
        }

        var bound = listeners.Where(l => l.Interface is not null && d.InInterface is not null && l.Interface != d.InInterface).ToList();
        if (bound.Any(l => Accepts(l, local, null, o.Protocol)))
        {
            return Findings.Fail(Codes.ListenerNone,
                $"{Owners(bound)} listen{(bound.Count == 1 ? "s" : string.Empty)} on {string.Join(", ", bound.Select(l => $"{l.Endpoint}%{l.Interface}"))}{there}, bound to that device (SO_BINDTODEVICE), while the client arrives on {d.InInterface}: clients get {(o.Protocol == "tcp" ? "an RST" : "ICMP port-unreachable")}",
                $"Bind the service to {d.InInterface} too, or drop the device binding (e.g. the service's `BindToDevice`/`interface` option).", evidence);
        }

        return Findings.Fail(Codes.ListenerNone,
            $"{Owners(listeners)} listen{(listeners.Count == 1 ? "s" : string.Empty)} on {string.Join(", ", listeners.Select(l => l.Endpoint))}{there}, not on {local}, where the client arrives",
            $"Bind the service to {local} or to the wildcard address.", evidence);
    }

    private static string Owners(IEnumerable<Listener> listeners) =>
        string.Join(", ", listeners.Select(l => l.Process ?? "a process").Distinct());

    private static bool SameFamily(Listener l, IPAddress client) =>
        client.AddressFamily == AddressFamily.InterNetwork ? l.AcceptsIPv4 : l.AcceptsIPv6;

    /// <summary>
    /// Would a packet to <paramref name="local"/> arriving on <paramref name="inInterface"/> be delivered
    /// to this socket? A socket bound to a device (SO_BINDTODEVICE, ss prints 0.0.0.0%docker0:9100) takes
    /// only packets that arrive on it (the socket lookup compares sk_bound_dev_if with the input device).
    /// </summary>
    private static bool Accepts(Listener l, IPAddress? local, string? inInterface, string protocol)
    {
        if (l.Protocol != protocol)
        {
            return false;
        }

        if (l.Interface is { } bound && inInterface is not null && bound != inInterface)
        {
            return false;
        }

        if (local is null)
        {
            // After REDIRECT: the primary address of the input interface; any non-loopback socket of
            // the family, or a wildcard one, takes it.
            return !l.IsLoopback;
        }

        if (local.AddressFamily == AddressFamily.InterNetwork)
        {
            return l.Address.Equals(IPAddress.Any) || l.Address.Equals(local)
                || (l.Address.Equals(IPAddress.IPv6Any) && l.V6Only == false)
                || (l.Address.IsIPv4MappedToIPv6 && l.Address.MapToIPv4().Equals(local));
        }

        return l.Address.Equals(IPAddress.IPv6Any) || l.Address.Equals(local);
    }
}
