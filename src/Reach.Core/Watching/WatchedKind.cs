namespace Reach.Core.Watching;

/// <summary>What a watched packet was: the client's SYN coming in, or this host's answer going out.</summary>
public enum WatchedKind
{
    /// <summary>The client's SYN to the port (incoming).</summary>
    Syn,

    /// <summary>SYN-ACK from the port (outgoing): a socket accepted the handshake.</summary>
    SynAck,

    /// <summary>RST from the port (outgoing): nothing listens, or a REJECT --reject-with tcp-reset.</summary>
    Rst,

    /// <summary>ICMP destination-unreachable to the client about the port (outgoing): a REJECT rule, or no route.</summary>
    IcmpUnreachable,
}
