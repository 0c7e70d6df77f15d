using System.Globalization;
using Reach.Core.Model;
using Reach.Core.Observations;
using Reach.Core.Text;

namespace Reach.Core.Fixes;

/// <summary>
/// Fixes that are one kernel setting: written as `sysctl -w` for now and a file in /etc/sysctl.d/ for
/// every boot (sysctl.d(5): read by systemd-sysctl on Debian and RHEL alike).
/// </summary>
internal static class SysctlFixes
{
    /// <summary>
    /// Strict rp_filter refusing a way back that exists by another interface: loose mode (2) accepts any
    /// way back. The effective value is the higher of conf/all and conf/IF (ip-sysctl.rst), so both are set.
    /// </summary>
    public static IReadOnlyList<FixAction> RpFilterLoose(ReversePathProbe p) =>
        [Set([("net.ipv4.conf.all.rp_filter", "2"), (InterfaceKey(p.Interface, "rp_filter"), "2")], "60-reach-rp-filter.conf",
            Message.Of("fix.why.rp-filter", ("interface", p.Interface)))];

    /// <summary>A full conntrack table: twice the room (host-wide; the table is per namespace, its limit is not).</summary>
    public static IReadOnlyList<FixAction> ConntrackMax(long max) =>
        [Set([("net.netfilter.nf_conntrack_max", (max * 2).ToString(CultureInfo.InvariantCulture))], "60-reach-conntrack.conf",
            Message.Of("fix.why.conntrack-max", ("max", max.ToString(CultureInfo.InvariantCulture))))];

    private static FixAction Set(IReadOnlyList<(string Key, string Value)> settings, string file, Message why)
    {
        var run = "sysctl -w " + string.Join(' ', settings.Select(s => $"{s.Key}={s.Value}"));
        var persist = "printf '%s\\n' " + string.Join(' ', settings.Select(s => ShellWords.Quote($"{s.Key} = {s.Value}"))) + $" > /etc/sysctl.d/{file}";
        return new FixAction(null, run, persist, why);
    }

    /// <summary>sysctl(8) reads dots as separators: an interface name with a dot (eth0.100) is written in the slash form.</summary>
    private static string InterfaceKey(string name, string setting) =>
        name.Contains('.', StringComparison.Ordinal) ? $"net/ipv4/conf/{name}/{setting}" : $"net.ipv4.conf.{name}.{setting}";
}
