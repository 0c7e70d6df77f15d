namespace Reach.Core.Observations;

/// <summary>
/// The `hosts:` line of /etc/nsswitch.conf (nsswitch.conf(5)): the sources getaddrinfo asks, in order,
/// each with its actions (e.g. mdns4_minimal's <c>[NOTFOUND=return]</c>).
/// </summary>
/// <param name="Unreadable">Set when the file exists but cannot be read: glibc then falls back to "files dns".</param>
public sealed record NsswitchHosts(IReadOnlyList<NsswitchSource> Sources, string Source, bool Present, string? Unreadable = null)
{
    /// <summary>glibc's built-in line when nsswitch.conf is absent or has no hosts line (nsswitch.conf(5)).</summary>
    public static NsswitchHosts Default(string source, bool present, string? unreadable = null) =>
        new([new NsswitchSource("files", []), new NsswitchSource("dns", [])], source, present, unreadable);

    /// <summary>Whether DNS is asked at all (directly, or through systemd-resolved's nss-resolve).</summary>
    public bool AsksDns => Sources.Any(s => s.Name is "dns" or "resolve");

    /// <summary>
    /// The source that stops a lookup of <paramref name="name"/> before DNS is asked: e.g. mdns4_minimal
    /// with [NOTFOUND=return] for a .local name (nss-mdns's README), or null when DNS is reached.
    /// </summary>
    public NsswitchSource? StopsBeforeDns(string name)
    {
        var local = name.TrimEnd('.').EndsWith(".local", StringComparison.OrdinalIgnoreCase);
        foreach (var s in Sources)
        {
            if (s.Name is "dns" or "resolve")
            {
                return null;
            }

            // mdns*_minimal answers only .local names, and its [NOTFOUND=return] ends the lookup for them.
            if (local && s.Name.StartsWith("mdns", StringComparison.Ordinal) && s.Actions.Contains("NOTFOUND=return", StringComparer.OrdinalIgnoreCase))
            {
                return s;
            }
        }

        return null;
    }

    public override string ToString() => "hosts: " + string.Join(' ', Sources.Select(s => s.ToString()));
}
