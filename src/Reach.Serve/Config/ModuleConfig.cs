namespace Reach.Serve.Config;

/// <summary>
/// A module: how /probe?module=NAME probes. <paramref name="Timeout"/> caps the whole probe (the scrape's
/// own timeout minus 0.5 s may shorten it, as blackbox_exporter does); <paramref name="Family"/> limits
/// the addresses probed; <paramref name="AllowedTargets"/> lists the only targets it may probe.
/// </summary>
public sealed record ModuleConfig(string Name, TimeSpan Timeout, FamilyChoice Family, IReadOnlyList<AllowedTarget> AllowedTargets)
{
    /// <summary>blackbox_exporter's default module timeout, and Prometheus's default scrape_timeout.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);
}
