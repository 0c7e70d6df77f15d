using System.Net;
using Reach.Core.Observations;

namespace Reach.Engine;

/// <summary>
/// The SYN that, once answered, also asks the port's protocol something harmless on the same connection:
/// a handshake alone is no proof that data crosses. The live one talks to the real service; tests script
/// both halves.
/// </summary>
internal interface IConversationProbes
{
    /// <summary>
    /// One SYN as <see cref="IProbes.ConnectAsync"/> sends it (answer TTL read); the outcome is final when
    /// <paramref name="synCancellation"/> is cancelled or the wait ends. When the handshake completes, the
    /// question goes on in <see cref="TcpConversation.Data"/>, bounded only by <paramref name="cancellationToken"/>.
    /// </summary>
    /// <param name="answerTimeout">The most the question waits for silence (less when the handshake's round trip is known).</param>
    Task<TcpConversation> ConverseAsync(IPEndPoint target, TimeSpan timeout, TimeSpan answerTimeout, CancellationToken synCancellation, CancellationToken cancellationToken);
}
