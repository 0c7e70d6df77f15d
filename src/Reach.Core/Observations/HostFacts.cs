namespace Reach.Core.Observations;

/// <summary>
/// The distribution a host runs and the tools it has (<see cref="HostTool"/>), read from /etc/os-release
/// and the tools' own files: a fix is a command for that host, not for a generic Linux.
/// </summary>
/// <param name="OsId">os-release ID (debian, ubuntu, rhel, fedora, …); empty when unread.</param>
/// <param name="OsLike">os-release ID_LIKE, split (ubuntu: debian; rocky: rhel centos fedora).</param>
public sealed record HostFacts(string OsId, IReadOnlyList<string> OsLike, IReadOnlySet<HostTool> Tools)
{
    public static HostFacts Unknown { get; } = new(string.Empty, [], new HashSet<HostTool>());

    public bool Has(HostTool tool) => Tools.Contains(tool);

    /// <summary>Debian, Ubuntu and their derivatives.</summary>
    public bool IsDebianFamily => Is("debian") || Is("ubuntu");

    /// <summary>RHEL, Fedora, CentOS, Rocky, Alma and their derivatives.</summary>
    public bool IsRedHatFamily => Is("rhel") || Is("fedora") || Is("centos");

    /// <summary>The file nftables.service loads at boot on this distribution; null when the service is not installed.</summary>
    public string? NftablesConfig => !Has(HostTool.NftablesService) ? null
        : IsRedHatFamily ? "/etc/sysconfig/nftables.conf"
        : "/etc/nftables.conf";

    private bool Is(string id) => OsId == id || OsLike.Contains(id);
}
