using Reach.Core.Joining;

namespace Reach.Engine.Remote;

/// <summary>One remote end to ask: the target itself (--server) or a neighbour (--compare), over SSH or HTTPS.</summary>
public sealed record RemoteRequest(RemoteRole Role, IRemoteDestination Destination);
