namespace Reach.Serve.Config;

/// <summary>Ports First..Last, both included.</summary>
public readonly record struct PortRange(int First, int Last)
{
    public static readonly PortRange All = new(1, 65535);

    public bool Contains(int port) => port >= First && port <= Last;

    public override string ToString() => First == Last ? $"{First}" : $"{First}-{Last}";
}
