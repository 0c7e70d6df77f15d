namespace Reach.Core.Observations;

/// <summary>
/// A source of firewall rules that could not be read: the tool and its own complaint, and whether the
/// complaint was a missing privilege (reading rules needs CAP_NET_ADMIN: netfilter's get/dump calls
/// check it in the caller's network namespace). The privilege is a fact the assessors act on (they say
/// "run as root"), so it is kept as one, not as words to look for in the complaint.
/// </summary>
/// <param name="What">"iptables-save -c: Permission denied (you must be root)", "/proc/net/ip_tables_names: cannot be read".</param>
/// <param name="NeedsPrivilege">The read failed for want of CAP_NET_ADMIN.</param>
public sealed record UnreadableRules(string What, bool NeedsPrivilege = false)
{
    /// <summary>The complaint as it was given (for logs and tests; evidence says the privilege too).</summary>
    public override string ToString() => What;
}
