using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Reach.Core.Joining;
using Reach.Core.Model;
using Reach.Core.Targets;
using Reach.Engine.Remote;
using Reach.Readers;
using Reach.Readers.Sources;

namespace Reach.Engine;

/// <summary>
/// `reach check TARGET --server ssh://HOST --compare ssh://HOST…`: this host's check while the server
/// watches for its SYNs and neighbours run the same check, then one joined verdict.
///
/// Order, so that the server sees every probe: the SSH sessions start first (the server's command needs
/// this host's source address, one `ip route get`), and this host's probes start when every server end
/// says it watches (or failed, or the connect timeout passed). Neighbours run alongside, unwaited for.
/// When the probes are done, the servers' stdin is closed: they stop watching and answer.
/// </summary>
public static class CrossHostCheck
{
    public static Task<(Report Joined, Report Local, IReadOnlyList<RemoteEnd> Remotes)> RunAsync(
        Target target, ProbeOptions probe, IReadOnlyList<RemoteRequest> requests, RemoteOptions remote, int? portOption, ISystemSource source, CancellationToken cancellationToken) =>
        RunAsync(target, probe, requests, remote, portOption, source, ProbeSet.Live, cancellationToken);

    /// <summary>As above, with this host's probes and the clock given (scripted ones in tests).</summary>
    internal static async Task<(Report Joined, Report Local, IReadOnlyList<RemoteEnd> Remotes)> RunAsync(
        Target target, ProbeOptions probe, IReadOnlyList<RemoteRequest> requests, RemoteOptions remote, int? portOption, ISystemSource source, ProbeSet probes, CancellationToken cancellationToken)
    {
        var from = requests.Any(r => r.Role == RemoteRole.Server)
            ? await SourceAddressAsync(target, requests.First(r => r.Role == RemoteRole.Server).Destination, source, probes, cancellationToken).ConfigureAwait(false)
            : null;

        // The server's watch must outlast this host's slowest probe (a DROP waits out the probe timeout,
        // a trace a few more); it ends earlier as soon as this host closes its stdin.
        var window = TimeSpan.FromMilliseconds(Math.Min(60_000, (probe.Timeout.TotalMilliseconds * 3) + 2000));
        var deadline = remote.ConnectTimeout + window + TimeSpan.FromSeconds(3);

        var runs = new List<(RemoteRequest Request, IRemoteRun? Run, RemoteEnd? Failed)>();
        (HttpClient Client, System.Net.Http.Headers.AuthenticationHeaderValue? Token)? agents = requests.Any(r => r.Destination is AgentDestination)
            ? AgentHttp.Create(remote.Agent, remote.ConnectTimeout)
            : null;
        foreach (var r in requests)
        {
            if (r.Role == RemoteRole.Server && from is null)
            {
                runs.Add((r, null, RemoteEnd.Failed(r.Role, r.Destination.Via, $"{r.Destination.Via}: this host has no route (and so no source address) towards {target.Host}: nothing for the server to watch for", 0)));
                continue;
            }

            if (r.Destination is AgentDestination agent)
            {
                // The second transport: a reach serve agent answers /local (the server end) or /probe (a neighbour).
                var (client, token) = agents!.Value;
                IRemoteRun run = r.Role == RemoteRole.Server
                    ? AgentRun.Local(client, token, agent, target.Port, from!, window)
                    : AgentRun.Probe(client, token, agent, HostPort(target), window);
                runs.Add((r, run, null));
                continue;
            }

            var ssh = (SshDestination)r.Destination;
            string[] command = r.Role == RemoteRole.Server
                ? [remote.RemoteReach, "local", target.Port.ToString(CultureInfo.InvariantCulture), "--from", from!.ToString(), "--watch", "--duration", Ms(window), "--stop-on-eof", "--json"]
                : [remote.RemoteReach, "check", target.Input, .. portOption is { } p ? new[] { "--port", p.ToString(CultureInfo.InvariantCulture) } : [], "--timeout", Ms(probe.Timeout), "--max-hops", probe.MaxHops.ToString(CultureInfo.InvariantCulture), "--json"];
            var (sshRun, failed) = RemoteRun.Start(r.Role, SshInvocation.Build(ssh, command, remote.SshCommand, remote.ConnectTimeout), r.Destination.Via, r.Role == RemoteRole.Server ? "reach local" : "reach check", probes.Time);
            if (r.Role == RemoteRole.Compare)
            {
                sshRun?.FinishInput();
            }

            runs.Add((r, sshRun, failed));
        }

        try
        {
            var servers = runs.Where(x => x.Request.Role == RemoteRole.Server && x.Run is not null).Select(x => x.Run!.Ready).ToList();
            if (servers.Count > 0)
            {
                await Task.WhenAny(Task.WhenAll(servers), Task.Delay(remote.ConnectTimeout + TimeSpan.FromSeconds(2), probes.Time, cancellationToken)).ConfigureAwait(false);
            }

            var local = await ClientCheck.RunAsync(target, probe, source, probes, cancellationToken).ConfigureAwait(false);
            foreach (var x in runs.Where(x => x.Request.Role == RemoteRole.Server))
            {
                x.Run?.FinishInput();
            }

            var ends = new List<RemoteEnd>();
            foreach (var x in runs)
            {
                ends.Add(x.Failed ?? await x.Run!.FinishAsync(deadline, cancellationToken).ConfigureAwait(false));
            }

            return (CrossHostJoin.Join(local, ends), local, ends);
        }
        finally
        {
            foreach (var x in runs)
            {
                x.Run?.Dispose();
            }

            agents?.Client.Dispose();
        }
    }

    /// <summary>HOST:PORT as /probe reads it, brackets around an IPv6 address.</summary>
    private static string HostPort(Target target) =>
        (target.Address?.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{target.Host}]" : target.Host) + ":" + target.Port.ToString(CultureInfo.InvariantCulture);

    private static string Ms(TimeSpan t) => ((int)t.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";

    /// <summary>
    /// The address this host's SYNs will carry: the kernel's preferred source towards the target (or,
    /// when the name does not resolve here, towards the SSH host), as `ip route get` says.
    /// </summary>
    private static async Task<IPAddress?> SourceAddressAsync(Target target, IRemoteDestination server, ISystemSource source, ProbeSet probes, CancellationToken cancellationToken)
    {
        var reader = new SystemReader(source);
        foreach (var host in new[] { target.Host, server.Host })
        {
            // A name this host cannot resolve (within 2 s) is skipped: the SSH host's name is the next guess.
            IReadOnlyList<IPAddress> addresses = IPAddress.TryParse(host, out var literal)
                ? [literal]
                : (await probes.Dns.LookupAsync(host, AddressFamily.Unspecified, TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false)).Addresses;

            foreach (var a in addresses.OrderBy(a => a.AddressFamily == AddressFamily.InterNetwork ? 0 : 1))
            {
                var route = await reader.RouteGetAsync(a, cancellationToken).ConfigureAwait(false);
                if (route is { HasRoute: true, PreferredSource: { } src })
                {
                    return src;
                }
            }
        }

        return null;
    }
}
