using System.Diagnostics.CodeAnalysis;
using System.Net;
using Reach.Core.Text;

namespace Reach.Engine.Remote;

/// <summary>
/// An `https://HOST[:PORT]` (or `http://`) remote: a `reach serve` there answers /local (the server end)
/// and /probe?format=json (a neighbour's check). The port defaults to reach serve's 9917; nothing but
/// scheme, host and port is accepted, so no path or query of the user's can change what is asked.
/// </summary>
public sealed record AgentDestination(string Via, Uri BaseUri, string Host) : IRemoteDestination
{
    public static bool IsAgent(string text) =>
        text.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("http://", StringComparison.OrdinalIgnoreCase);

    public static bool TryParse(string text, [NotNullWhen(true)] out AgentDestination? destination, [NotNullWhen(false)] out Message? error)
    {
        destination = null;
        if (!IsAgent(text) || !Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Host.Length == 0
            || uri.UserInfo.Length > 0 || uri.PathAndQuery is not ("/" or "") || uri.Fragment.Length > 0)
        {
            error = Message.Of("error.agent.url", ("value", text));
            return false;
        }

        // Uri.Port says 443 both for "https://h" and "https://h:443": the text tells whether a port was written.
        var authorityText = text[(text.IndexOf("//", StringComparison.Ordinal) + 2)..].Split('/')[0];
        var hostEnd = authorityText.StartsWith('[') ? authorityText.IndexOf(']', StringComparison.Ordinal) + 1 : 0;
        var port = authorityText.IndexOf(':', hostEnd) >= 0 ? uri.Port : 9917;
        var host = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host.Trim('[', ']') : uri.Host;
        var authority = uri.HostNameType == UriHostNameType.IPv6 ? $"[{host}]" : host;
        destination = new AgentDestination(text, new Uri($"{uri.Scheme}://{authority}:{port}/"), host);
        error = null;
        return true;
    }

    /// <summary>Whether the host is an address literal (no certificate name check can then be by DNS name).</summary>
    public bool IsAddress => IPAddress.TryParse(Host, out _);
}
