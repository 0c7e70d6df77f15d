namespace Reach.Core.Observations;

/// <summary>The flow a route decision is asked for: policy rules may select by protocol and port.</summary>
public sealed record RouteFlow(string Protocol, int Port)
{
    public override string ToString() => $"ipproto {Protocol} dport {Port}";
}
