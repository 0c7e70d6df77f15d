namespace Reach.Core.Joining;

/// <summary>Why a remote end was asked: the target itself (`--server`) or a neighbour to compare with (`--compare`).</summary>
public enum RemoteRole
{
    Server,
    Compare,
}
