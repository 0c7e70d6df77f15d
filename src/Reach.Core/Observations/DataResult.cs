namespace Reach.Core.Observations;

/// <summary>Whether data crossed an open connection, in both directions, after the handshake.</summary>
public enum DataResult
{
    /// <summary>The service answered in its protocol (a banner, a status line, a TLS handshake).</summary>
    Answered,

    /// <summary>No answer in the protocol, but the target's stack acknowledged our bytes or our FIN, or sent bytes or a FIN of its own: data crosses.</summary>
    Acknowledged,

    /// <summary>The target reset the connection after our bytes: its stack got them, so data crosses.</summary>
    Reset,

    /// <summary>Nothing crossed after the handshake: no byte, no acknowledgement of ours, no FIN.</summary>
    Nothing,

    /// <summary>The question could not be asked (a local error); the outcome says why.</summary>
    NotAsked,
}
