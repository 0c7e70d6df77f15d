using Reach.Core.Joining;
using Reach.Core.Model;

namespace Reach.Core.Paths;

/// <summary>
/// Another end of `check --server/--compare` in the path picture. A server's lane is one node, the
/// target seen from inside (what its own `reach local --watch` concluded), drawn beside the target of
/// this host's path; a neighbour's lane is its own way to the target as its report's path draws it (its
/// host, its gateway and routers, the target), or, from a reach whose report has no path, its host and the
/// target marked by its verdict.
/// </summary>
/// <param name="Host">The remote host as the user named it (ssh://root@web1 → web1).</param>
public sealed record PathLane(RemoteRole Role, string Host, IReadOnlyList<PathHop> Hops);
