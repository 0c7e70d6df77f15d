using System.Net;

namespace Reach.Serve.Probing;

/// <summary>What /local asks: `reach local PORT/PROTOCOL --from FROM [--to TO] [--watch --duration WATCH]`.</summary>
public sealed record LocalRequest(int Port, string Protocol, IPAddress? From, IPAddress? To, TimeSpan? Watch);
