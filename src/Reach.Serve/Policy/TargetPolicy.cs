using System.Net;
using System.Net.Sockets;
using Reach.Serve.Config;

namespace Reach.Serve.Policy;

/// <summary>
/// Whether a module may probe an address and port: inside one of its allowed_targets, of its family,
/// and, for the link-local ranges where clouds keep their metadata services (169.254.169.254, fd00:ec2::254
/// is ULA but fe80:: is where on-link services answer), only when an entry lists that range itself: a
/// catch-all 0.0.0.0/0 does not open it. blackbox_exporter's /probe is an open proxy by design
/// (CVE-2020-16248); this is the answer to it.
/// </summary>
public static class TargetPolicy
{
    private static readonly IPNetwork LinkLocal4 = IPNetwork.Parse("169.254.0.0/16");
    private static readonly IPNetwork LinkLocal6 = IPNetwork.Parse("fe80::/10");

    /// <summary>Null when allowed, else why not (one line, for the 403's body and the log).</summary>
    public static string? Refusal(ModuleConfig module, IPAddress address, int port)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(address);
        // An IPv4-mapped IPv6 address reaches the IPv4 host: judge it as that host.
        var a = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        var family = a.AddressFamily == AddressFamily.InterNetwork ? FamilyChoice.IPv4 : FamilyChoice.IPv6;
        if (module.Family != FamilyChoice.Any && module.Family != family)
        {
            return $"{a} is {Name(family)}, and module '{module.Name}' probes {Name(module.Family)} only";
        }

        var linkLocal = family == FamilyChoice.IPv4 ? LinkLocal4 : LinkLocal6;
        var isLinkLocal = linkLocal.Contains(a);
        foreach (var entry in module.AllowedTargets)
        {
            if (!entry.Contains(a, port))
            {
                continue;
            }

            if (!isLinkLocal || (entry.Network.PrefixLength >= linkLocal.PrefixLength && linkLocal.Contains(entry.Network.BaseAddress)))
            {
                return null;
            }
        }

        return isLinkLocal
            ? $"{Endpoint(a, port)} is link-local (cloud metadata services live there): module '{module.Name}' must list it in allowed_targets itself"
            : $"{Endpoint(a, port)} is not in module '{module.Name}''s allowed_targets";
    }

    private static string Endpoint(IPAddress a, int port) =>
        a.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{a}]:{port}" : $"{a}:{port}";

    private static string Name(FamilyChoice f) => f == FamilyChoice.IPv4 ? "IPv4" : "IPv6";
}
