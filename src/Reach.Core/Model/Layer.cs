namespace Reach.Core.Model;

/// <summary>
/// The layers reach walks, in the order a root cause is sought: the lowest failing layer explains the
/// failures above it (no link means no gateway, no DNS and no port). <see cref="Local"/> sits below the
/// gateway because this host's own OUTPUT rules stop a packet before it leaves.
/// </summary>
public enum Layer
{
    Link,
    Interface,
    Local,
    Gateway,
    Dns,
    Route,
    Port,
    Listener,
    Firewall,
}
