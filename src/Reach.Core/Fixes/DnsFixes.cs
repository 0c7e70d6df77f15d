using System.Globalization;
using Reach.Core.Model;
using Reach.Core.Observations;
using Reach.Core.Text;

namespace Reach.Core.Fixes;

/// <summary>
/// Actions for this host's own name files. Both files are rewritten in place (`printf … "$(…)" > FILE`, the
/// command substitution read before the shell truncates the file), never replaced as `sed -i` does: in a
/// container or under `ip netns exec` they are bind mounts, which a rename cannot replace. Given only when
/// the file is this host's to edit: a resolv.conf that says a program writes it (NetworkManager,
/// systemd-resolved, resolvconf, DHCP) gets none, because that program would undo the edit.
/// </summary>
internal static class DnsFixes
{
    /// <summary>dns.search-path: the domain where the name was found, first in the search list.</summary>
    public static IReadOnlyList<FixAction> SearchDomain(ClientObservations o)
    {
        if (o.Dns is not { } d || d.Rooted || d.Resolver.Unreadable is not null || d.Resolver.Writer is not null
            || d.GuessedQueries.FirstOrDefault(q => q.Result == DnsResult.Answer) is not { } completed)
        {
            return [];
        }

        var name = o.Target.Host.TrimEnd('.');
        var full = completed.Name.TrimEnd('.');
        if (!full.StartsWith(name + ".", StringComparison.OrdinalIgnoreCase) || !IsHostName(full))
        {
            return [];
        }

        var domain = full[(name.Length + 1)..];
        var file = ShellWords.Quote(d.Resolver.Source);
        // With no search or domain line, one line appended; else the domain goes first on the line there is
        // ("domain X" becomes "search DOMAIN X": the two exclude each other, and X stays searched).
        var run = d.Resolver.EffectiveSearch.Count == 0
            ? $"printf 'search %s\\n' {domain} >> {file}"
            : $"printf '%s\\n' \"$(sed -E 's/^(search|domain)[[:space:]]+/search {domain} /' {file})\" > {file}";
        return [new FixAction(null, run, null, Message.Of("fix.why.search", ("domain", domain), ("name", name), ("full", full), ("file", d.Resolver.Source)))];
    }

    /// <summary>
    /// dns.hosts-override: the /etc/hosts lines that give this name an address DNS does not, removed, when they
    /// name nothing but this host (its short and full names); a line that also names other hosts is for a person.
    /// </summary>
    public static IReadOnlyList<FixAction> StaleHosts(ClientObservations o)
    {
        var name = o.Target.Host.TrimEnd('.');
        if (o.Dns is not { HostsMatches.Count: > 0 } d || d.DnsAddresses.Count == 0
            || !d.HostsMatches.All(e => e.Names.All(n => IsHostName(n) && (n.Equals(name, StringComparison.OrdinalIgnoreCase) || n.StartsWith(name + ".", StringComparison.OrdinalIgnoreCase)))))
        {
            return [];
        }

        // Fields compared, not text: spacing and a trailing comment do not matter, any other line is kept as it is.
        var lines = d.HostsMatches.Select(e =>
            $"(n == {(e.Names.Count + 1).ToString(CultureInfo.InvariantCulture)} && f[1] == \"{e.Address}\""
            + string.Concat(e.Names.Select((n, i) => $" && f[{(i + 2).ToString(CultureInfo.InvariantCulture)}] == \"{n}\""))
            + ")");
        var awk = $"{{ l = $0; sub(/#.*/, \"\", l); n = split(l, f) }} !({string.Join(" || ", lines)})";
        var run = $"printf '%s\\n' \"$(awk '{awk}' /etc/hosts)\" > /etc/hosts";
        return [new FixAction(null, run, null, Message.Of("fix.why.hosts", ("name", name),
            ("hosts", string.Join(", ", d.HostsMatches.Select(e => e.Address).Distinct())), ("dns", string.Join(", ", d.DnsAddresses))))];
    }

    /// <summary>Letters, digits, hyphens and dots only: nothing in it the shell, sed or awk would read as their own.</summary>
    private static bool IsHostName(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.') && Uri.CheckHostName(name) != UriHostNameType.Unknown;
}
