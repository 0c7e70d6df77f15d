using System.Globalization;
using System.Net;
using Reach.Core.Assessment;
using Reach.Core.Observations;
using Reach.Readers.Parsing;
using Reach.Readers.Sources;

namespace Reach.Readers;

/// <summary>
/// Reads what the client checks need from the system: interfaces (iproute2 plus /sys for the carrier,
/// speed and duplex that ethtool shows), routes, the kernel's route decision, neighbours, the resolver
/// configuration and /etc/hosts. Reads only; every read goes through an <see cref="ISystemSource"/>.
/// </summary>
public sealed class SystemReader(ISystemSource source)
{
    public const string ResolvConf = "/etc/resolv.conf";
    public const string Hosts = "/etc/hosts";

    public ISystemSource Source => source;

    public async Task<IReadOnlyList<NetInterface>> InterfacesAsync(CancellationToken cancellationToken)
    {
        var result = await source.RunAsync("ip", ["-j", "-s", "addr", "show"], cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new SystemReadException($"`ip -j -s addr show` failed: {result.Stderr.Trim()} (is iproute2 installed?)");
        }

        return IpJsonParser.ParseAddresses(result.Stdout).Select(WithSysfs).ToList();
    }

    public Task<RouteDecision> RouteGetAsync(IPAddress destination, CancellationToken cancellationToken) =>
        RouteGetAsync(destination, null, cancellationToken);

    /// <summary>
    /// The kernel's decision for the real flow: with its protocol and port, policy rules that select
    /// by them (`ip rule ... ipproto tcp dport 80 lookup 100`) apply as they do to the traffic itself.
    /// </summary>
    public async Task<RouteDecision> RouteGetAsync(IPAddress destination, RouteFlow? flow, CancellationToken cancellationToken)
    {
        // A link-local address with a zone (fe80::5%eth1, RFC 4007) is only meaningful on its link: ip
        // takes the bare address and the link as `oif` (it rejects the %zone form).
        var zone = destination.IsIPv6LinkLocal && destination.ScopeId != 0 ? DeviceOf(destination.ScopeId) : null;
        var shown = zone is null ? destination.ToString() : new IPAddress(destination.GetAddressBytes()).ToString();
        string[] oif = zone is null ? [] : ["oif", zone];
        string[] args = flow is { } f
            ? ["-j", "route", "get", shown, .. oif, "ipproto", f.Protocol, "dport", f.Port.ToString(CultureInfo.InvariantCulture)]
            : ["-j", "route", "get", shown, .. oif];
        var r = await source.RunAsync("ip", args, cancellationToken).ConfigureAwait(false);
        return IpJsonParser.ParseRouteGet(destination, r.ExitCode, r.Stdout, r.Stderr) with { Flow = flow };
    }

    /// <summary>The interface whose ifindex is <paramref name="index"/> (/sys/class/net/DEV/ifindex), or null.</summary>
    private string? DeviceOf(long index) =>
        source.ListDirectory("/sys/class/net")
            .FirstOrDefault(d => long.TryParse(source.ReadFile($"/sys/class/net/{d}/ifindex")?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i == index);

    /// <summary>The policy routing rules (`ip rule show`), as an operator reads them; empty when unreadable.</summary>
    public async Task<IReadOnlyList<string>> RulesAsync(IPAddress destination, CancellationToken cancellationToken)
    {
        var family = destination.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "-6" : "-4";
        var r = await source.RunAsync("ip", [family, "rule", "show"], cancellationToken).ConfigureAwait(false);
        return r.Succeeded ? r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
    }

    /// <summary>
    /// The route decision for a packet that comes in: `ip -j route get DEST from SRC iif IF`, the lookup
    /// ip_route_input does (local delivery, forwarding, or an error such as forwarding being off).
    /// </summary>
    public async Task<RouteDecision> RouteInputAsync(IPAddress destination, IPAddress from, string inInterface, CancellationToken cancellationToken)
    {
        var r = await source.RunAsync("ip", ["-j", "route", "get", destination.ToString(), "from", from.ToString(), "iif", inInterface], cancellationToken).ConfigureAwait(false);
        return IpJsonParser.ParseRouteGet(destination, r.ExitCode, r.Stdout, r.Stderr);
    }

    public async Task<IReadOnlyList<RouteEntry>> RoutesAsync(CancellationToken cancellationToken)
    {
        var v4 = source.RunAsync("ip", ["-j", "route", "show", "table", "all"], cancellationToken);
        var v6 = source.RunAsync("ip", ["-j", "-6", "route", "show", "table", "all"], cancellationToken);
        var r = await v4.ConfigureAwait(false);
        var routes = r.Succeeded ? IpJsonParser.ParseRoutes(r.Stdout) : [];
        var r6 = await v6.ConfigureAwait(false);
        var routes6 = r6.Succeeded ? IpJsonParser.ParseRoutes(r6.Stdout).Where(e => e.Table != "local") : [];
        return [.. routes.Where(e => e.Table != "local"), .. routes6];
    }

    public async Task<Neighbour?> NeighbourAsync(IPAddress address, CancellationToken cancellationToken)
    {
        var r = await source.RunAsync("ip", ["-j", "neigh", "show", address.ToString()], cancellationToken).ConfigureAwait(false);
        return r.Succeeded && IpJsonParser.ParseNeighbours(r.Stdout) is { Count: > 0 } found ? found[0] : null;
    }

    public async Task<IReadOnlyList<Neighbour>> NeighboursAsync(CancellationToken cancellationToken)
    {
        var r = await source.RunAsync("ip", ["-j", "neigh", "show"], cancellationToken).ConfigureAwait(false);
        return r.Succeeded ? IpJsonParser.ParseNeighbours(r.Stdout) : [];
    }

    /// <summary>The host's neighbour tables (one for every namespace), empty when `ip` cannot show them.</summary>
    public async Task<IReadOnlyList<NeighbourTable>> NeighbourTablesAsync(CancellationToken cancellationToken)
    {
        var r = await source.RunAsync("ip", ["-j", "-s", "ntable", "show"], cancellationToken).ConfigureAwait(false);
        return r.Succeeded ? IpJsonParser.ParseNeighbourTables(r.Stdout) : [];
    }

    public ResolverConfig Resolver() => new ResolverReader(source).Resolver();

    public IReadOnlyList<HostsEntry> HostsFile() => HostsParser.Parse(source.ReadFile(Hosts));

    /// <summary>The network configuration systems present on this host, for the fix of an interface fault.</summary>
    public IReadOnlyList<string> ConfigFiles() =>
        ConfigFileHint.KnownPaths.Where(p => p == "/etc/network/interfaces"
            ? (source.ReadFile(p) ?? string.Empty).Contains("iface", StringComparison.Ordinal)
            : source.ListDirectory(p).Count > 0).ToList();

    /// <summary>Listening TCP and bound UDP sockets with their owners (`ss -H -lntupe`; owners of others' sockets need root).</summary>
    public async Task<IReadOnlyList<Listener>> ListenersAsync(CancellationToken cancellationToken)
    {
        var modules = new KernelModules(source);
        if (!(modules.MayAsk("inet_diag") && modules.MayAsk("tcp_diag") && modules.MayAsk("udp_diag")))
        {
            // ss would load inet_diag: read /proc/net instead, and leave owners and IPV6_V6ONLY unknown.
            return [.. ProcNetParser.Parse(source.ReadFile("/proc/net/tcp"), "tcp"), .. ProcNetParser.Parse(source.ReadFile("/proc/net/tcp6"), "tcp"),
                .. ProcNetParser.Parse(source.ReadFile("/proc/net/udp"), "udp"), .. ProcNetParser.Parse(source.ReadFile("/proc/net/udp6"), "udp")];
        }

        var r = await source.RunAsync("ss", ["-H", "-l", "-n", "-t", "-u", "-p", "-e"], cancellationToken).ConfigureAwait(false);
        if (!r.Succeeded)
        {
            throw new SystemReadException($"`ss -H -lntupe` failed: {r.Stderr.Trim()} (is iproute2 installed?)");
        }

        return SsParser.Parse(r.Stdout);
    }

    /// <summary>TcpExt.ListenOverflows: connections dropped because an accept queue was full (host-wide).</summary>
    public long? ListenOverflows() =>
        NetstatParser.Parse(source.ReadFile("/proc/net/netstat")).TryGetValue("TcpExt.ListenOverflows", out var v) ? v : null;

    private NetInterface WithSysfs(IpJsonParser.AddrEntry e)
    {
        var dir = $"/sys/class/net/{e.Name}";
        var carrier = source.ReadFile($"{dir}/carrier")?.Trim() switch
        {
            "1" => true,
            "0" => false,
            _ => (bool?)null,
        };
        var speed = long.TryParse(source.ReadFile($"{dir}/speed")?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) && s > 0 ? s : (long?)null;
        var duplex = source.ReadFile($"{dir}/duplex")?.Trim() is { Length: > 0 } d and not "unknown" ? d : null;
        var operState = source.ReadFile($"{dir}/operstate")?.Trim() ?? e.OperState.ToLowerInvariant();
        return new NetInterface(e.Name, e.Index, e.Flags.Contains("UP"), carrier, operState, e.Mtu, e.Addresses, e.Counters,
            speed, duplex, e.Flags.Contains("LOOPBACK")) with
        {
            BridgePorts = source.ListDirectory($"{dir}/brif").Select(p => new BridgePort(p, source.ReadFile($"/sys/class/net/{p}/carrier")?.Trim() switch
            {
                "1" => true,
                "0" => false,
                _ => null,
            })).ToList(),
        };
    }
}
