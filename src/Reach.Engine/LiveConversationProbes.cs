using System.Net;
using System.Net.Sockets;
using Reach.Core.Observations;
using Reach.Probes;

namespace Reach.Engine;

/// <summary>The real SYN (<see cref="TcpProbe"/>) and the real question after it (<see cref="DataProbe"/>).</summary>
/// <param name="serverName">The name the user gave, for TLS's server_name; null for an address.</param>
/// <param name="source">The source address of the SYN (see <see cref="LiveProbes"/>); null: the kernel's choice.</param>
internal sealed class LiveConversationProbes(string? serverName, IPAddress? source) : IConversationProbes
{
    public async Task<TcpConversation> ConverseAsync(IPEndPoint target, TimeSpan timeout, TimeSpan answerTimeout, CancellationToken synCancellation, CancellationToken cancellationToken)
    {
        Task<DataExchange>? data = null;
        void Ask(Socket socket, TcpOutcome open) =>
            data = DataProbe.ExchangeAsync(socket, target, serverName, open.Ms, answerTimeout, cancellationToken);

        var syn = await TcpProbe.ConnectAsync(target, timeout, null, true, source, Ask, synCancellation).ConfigureAwait(false);
        return new TcpConversation(syn, data);
    }
}
