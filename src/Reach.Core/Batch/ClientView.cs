using Reach.Core.Text;

namespace Reach.Core.Batch;

/// <summary>
/// What a client sees of a server-side verdict: an offline flow is judged as `reach local` on the
/// ruleset's host, while the same flows file, run live from a client, names what the client sees
/// (`expect: port.closed`). The kernel's answers make the correspondence: nothing listening is an RST
/// (port.closed); a REJECT is an ICMP error (port.rejected), or an RST when it rejects with tcp-reset;
/// a DROP, a reverse-path drop and a full accept queue are silence (port.filtered).
/// </summary>
public static class ClientView
{
    /// <summary>The client-side code for <paramref name="serverCode"/>, or null when the client sees the same code (ok) or nothing comparable.</summary>
    /// <param name="summary">The verdict's sentence: a REJECT's kind is the rule's own words in it (`--reject-with tcp-reset`, nft's `reject with tcp reset`).</param>
    public static string? Of(string serverCode, Message summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var rule = Catalog.English.Format(summary);
        return serverCode switch
        {
            "listener.none" or "listener.loopback-only" or "listener.wrong-family" => "port.closed",
            "firewall.reject" => rule.Contains("tcp-reset", StringComparison.Ordinal) || rule.Contains("tcp reset", StringComparison.Ordinal) ? "port.closed" : "port.rejected",
            "firewall.drop" or "route.rp-filter" or "listener.overflow" => "port.filtered",
            _ => null,
        };
    }
}
