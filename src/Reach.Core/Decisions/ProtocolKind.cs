namespace Reach.Core.Decisions;

/// <summary>How a port's protocol can be asked something harmless.</summary>
public enum ProtocolKind
{
    /// <summary>The server speaks first (SSH, SMTP, FTP, POP3, IMAP, MySQL): read its greeting, send nothing.</summary>
    ServerFirst,

    /// <summary>A request that changes nothing on the server (HEAD, PING, PostgreSQL's SSLRequest).</summary>
    Request,

    /// <summary>A TLS ClientHello: the handshake names the version and the certificate.</summary>
    Tls,

    /// <summary>Unknown: nothing is sent but a FIN, whose acknowledgement proves the path carries data.</summary>
    Unknown,
}
