using Reach.Core.Observations;

namespace Reach.Engine;

/// <summary>A SYN's outcome and, when it opened the connection, what crossed it afterwards (null otherwise).</summary>
internal sealed record TcpConversation(TcpOutcome Syn, Task<DataExchange>? Data);
