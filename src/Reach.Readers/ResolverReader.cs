using System.Globalization;
using System.Net;
using Reach.Core.Observations;
using Reach.Readers.Parsing;
using Reach.Readers.Sources;

namespace Reach.Readers;

/// <summary>
/// The resolver's own path on this host: resolv.conf, nsswitch.conf's hosts line, and for a nameserver
/// on this host, who holds its port 53 and which upstreams that program forwards to. A file that exists
/// but cannot be read is said as such, never as missing.
/// </summary>
public sealed class ResolverReader(ISystemSource source)
{
    public const string ResolvConf = "/etc/resolv.conf";
    public const string Nsswitch = "/etc/nsswitch.conf";

    /// <summary>systemd-resolved's list of real upstreams; /etc/resolv.conf then points at its stub 127.0.0.53 (systemd-resolved(8)).</summary>
    public const string ResolvedUpstreams = "/run/systemd/resolve/resolv.conf";

    /// <summary>The stub address systemd-resolved listens on (systemd-resolved.service(8)).</summary>
    public static readonly IPAddress ResolvedStub = IPAddress.Parse("127.0.0.53");

    public ResolverConfig Resolver()
    {
        var text = source.ReadFile(ResolvConf);
        if (text is null && source.Exists(ResolvConf))
        {
            return ResolvConfParser.Parse(null, ResolvConf) with { Unreadable = Unreadable(ResolvConf) };
        }

        return ResolvConfParser.Parse(text, ResolvConf);
    }

    public NsswitchHosts Hosts()
    {
        var text = source.ReadFile(Nsswitch);
        if (text is null && source.Exists(Nsswitch))
        {
            return NsswitchHosts.Default(Nsswitch, true, Unreadable(Nsswitch));
        }

        return NsswitchParser.Parse(text, Nsswitch);
    }

    /// <summary>
    /// Why a file that exists cannot be read (e.g. /etc/hosts with mode 0600 for another user), or null when
    /// it can be read or does not exist: an unreadable file is said as such, never read as an empty one.
    /// </summary>
    public string? UnreadableOrNull(string path) => source.ReadFile(path) is null && source.Exists(path) ? Unreadable(path) : null;

    /// <summary>Who serves DNS on <paramref name="address"/> (a loopback nameserver), and its upstreams.</summary>
    public LocalForwarder Forwarder(IPAddress address, IReadOnlyList<Listener> listeners)
    {
        var holder = listeners.FirstOrDefault(l => l.Protocol == "udp" && l.Port == 53 && l.Address.Equals(address))
            ?? listeners.FirstOrDefault(l => l.Protocol == "udp" && l.Port == 53 && (l.Address.Equals(IPAddress.Any) || l.Address.Equals(IPAddress.IPv6Any)));
        var (pid, program) = Owner(holder?.Process);
        var args = pid is { } p ? (source.ReadFile($"/proc/{p.ToString(CultureInfo.InvariantCulture)}/cmdline") ?? string.Empty).Split('\0', StringSplitOptions.RemoveEmptyEntries) : [];
        program ??= args.Length > 0 ? Path.GetFileName(args[0]) : null;

        // Nothing holds the port: name the service the address stands for, so the fix can name it.
        var service = program ?? (address.Equals(ResolvedStub) ? "systemd-resolved" : null);
        var (upstreams, from) = service switch
        {
            "systemd-resolved" or "systemd-resolve" => (ResolvConfParser.Parse(source.ReadFile(ResolvedUpstreams), ResolvedUpstreams).Nameservers, ResolvedUpstreams),
            "dnsmasq" => Dnsmasq(args),
            "unbound" => FromFile("/etc/unbound/unbound.conf", ForwarderConfigParser.Unbound),
            "named" => FromFile("/etc/bind/named.conf.options", ForwarderConfigParser.Named),
            _ => ((IReadOnlyList<IPAddress>)[], (string?)null),
        };
        return new LocalForwarder(address, service, pid, holder is not null, upstreams.Where(u => !IPAddress.IsLoopback(u)).ToList(), from);
    }

    private (IReadOnlyList<IPAddress>, string?) Dnsmasq(string[] args)
    {
        // --server= on the command line, else server= in its conf file (default /etc/dnsmasq.conf and
        // /etc/dnsmasq.d), else the nameservers of its resolv-file (default /etc/resolv.conf) (dnsmasq(8)).
        var fromArgs = ForwarderConfigParser.Dnsmasq(args);
        if (fromArgs.Count > 0)
        {
            return (fromArgs, "dnsmasq's command line");
        }

        var conf = ForwarderConfigParser.Option(args, "conf-file") ?? "/etc/dnsmasq.conf";
        var confText = conf == "/dev/null" ? null : source.ReadFile(conf);
        var lines = (confText ?? string.Empty).Split('\n')
            .Concat(source.ListDirectory("/etc/dnsmasq.d").SelectMany(f => (source.ReadFile($"/etc/dnsmasq.d/{f}") ?? string.Empty).Split('\n')))
            .ToList();
        var fromConf = ForwarderConfigParser.Dnsmasq(lines);
        if (fromConf.Count > 0)
        {
            return (fromConf, conf);
        }

        if (args.Contains("--no-resolv") || lines.Any(l => l.Trim() == "no-resolv"))
        {
            return ([], null);
        }

        var resolvFile = ForwarderConfigParser.Option(args, "resolv-file") ?? ForwarderConfigParser.Option(lines, "resolv-file") ?? ResolvConf;
        return (ResolvConfParser.Parse(source.ReadFile(resolvFile), resolvFile).Nameservers, resolvFile);
    }

    private (IReadOnlyList<IPAddress>, string?) FromFile(string path, Func<string?, IReadOnlyList<IPAddress>> parse) =>
        (parse(source.ReadFile(path)), path);

    private static (int? Pid, string? Program) Owner(string? process)
    {
        // SsParser's "pid/name".
        if (process is null)
        {
            return (null, null);
        }

        var slash = process.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && int.TryParse(process[..slash], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            ? (pid, process[(slash + 1)..])
            : (null, process);
    }

    private string Unreadable(string path)
    {
        // ISystemSource says only "no text"; on the live host, ask again for the error itself.
        if (source is LiveSystem)
        {
            try
            {
                using var _ = File.OpenRead(path);
            }
            catch (UnauthorizedAccessException)
            {
                // .NET maps EACCES (and EPERM) to this exception; say it as open(2) does.
                return $"{path} exists but user {Environment.UserName} cannot read it (Permission denied)";
            }
            catch (IOException e)
            {
                return $"{path} exists but user {Environment.UserName} cannot read it ({e.Message.TrimEnd('.')})";
            }
        }

        return $"{path} exists but cannot be read";
    }
}
