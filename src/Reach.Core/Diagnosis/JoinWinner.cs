namespace Reach.Core.Diagnosis;

/// <summary>Whose verdict a joined report keeps (<see cref="Precedence.Join"/>).</summary>
public enum JoinWinner
{
    /// <summary>This host's own verdict stands.</summary>
    Local,

    /// <summary>The server end's verdict proves the cause.</summary>
    Server,

    /// <summary>The server saw none of the SYNs: the loss is on the path (route.unreachable).</summary>
    LossOnPath,
}
