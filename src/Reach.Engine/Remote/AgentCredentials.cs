namespace Reach.Engine.Remote;

/// <summary>
/// How this host proves itself to a reach serve agent and checks the agent: a bearer token (the file's
/// first line), a CA to verify the agent's certificate with instead of the system's store, and a client
/// certificate for an agent that requires one. All optional.
/// </summary>
public sealed record AgentCredentials(string? TokenFile, string? CaFile, string? CertFile, string? KeyFile)
{
    public static readonly AgentCredentials None = new(null, null, null, null);
}
