namespace Reach.Core.Model;

/// <summary>What a node of the path picture is: where the check ran, the first router, a router of the trace, the target, or another end asked over SSH.</summary>
public enum PathRole
{
    ThisHost,
    Gateway,
    Router,
    Target,
    Remote,
}
