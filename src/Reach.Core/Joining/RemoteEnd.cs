using Reach.Core.Model;

namespace Reach.Core.Joining;

/// <summary>
/// What one remote end answered: its own reach/1 report, or, when it could not be asked (refused, timed
/// out, no reach there, bad JSON), why not in one line. The local diagnosis never depends on it.
/// </summary>
/// <param name="Via">Where it was asked, as the user wrote it: ssh://web1.</param>
/// <param name="Ok">Whether a valid report came back.</param>
/// <param name="Error">One line saying why not, when <paramref name="Ok"/> is false.</param>
/// <param name="Ms">Wall time from starting the transport to the end of the answer.</param>
public sealed record RemoteEnd(RemoteRole Role, string Via, bool Ok, string? Error, double Ms, Report? Report)
{
    public static RemoteEnd Failed(RemoteRole role, string via, string error, double ms) => new(role, via, false, error, ms, null);

    /// <summary>The host part of <see cref="Via"/>, for sentences: "dev2 reaches web1:80".</summary>
    public string Host
    {
        get
        {
            var rest = Via.StartsWith("ssh://", StringComparison.Ordinal) ? Via[6..] : Via;
            var at = rest.LastIndexOf('@');
            var host = (at >= 0 ? rest[(at + 1)..] : rest).TrimEnd('/');
            if (host.StartsWith('[') && host.IndexOf(']', StringComparison.Ordinal) is var close and > 0)
            {
                return host[1..close];
            }

            var colon = host.LastIndexOf(':');
            return colon > 0 && host[(colon + 1)..].All(char.IsAsciiDigit) ? host[..colon] : host;
        }
    }
}
