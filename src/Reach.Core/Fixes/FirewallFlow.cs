using System.Net;

namespace Reach.Core.Fixes;

/// <summary>
/// The flow an ACCEPT is written for: the protocol, the port, and the other end. Coming in (`reach local`),
/// the other end is the client, matched as the source when it is known; going out (`reach check`'s own
/// OUTPUT), it is the target, matched as the destination.
/// </summary>
/// <param name="Peer">The other end's address; null matches any (a `reach local` without --from).</param>
/// <param name="Outgoing">The packet leaves this host (OUTPUT): the peer is its destination.</param>
internal sealed record FirewallFlow(string Protocol, int Port, IPAddress? Peer, bool Outgoing);
