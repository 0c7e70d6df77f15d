namespace Reach.Core.Model;

/// <summary>
/// How a node of the path fared. <see cref="Fails"/> marks the node that is the cause (it refused, it is
/// dead, it is misconfigured); <see cref="LinkFails"/> marks the link that leads to the node (no carrier,
/// silence after the node before); <see cref="Silent"/> is a router that did not answer its TTL but is not
/// blamed (ICMP rate limits); <see cref="NotReached"/> lies beyond the failure.
/// </summary>
public enum PathMark
{
    Ok,
    Fails,
    LinkFails,
    Silent,
    NotReached,
}
