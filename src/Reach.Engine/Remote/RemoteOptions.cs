namespace Reach.Engine.Remote;

/// <summary>How remote ends are asked: which reach to run there, the REACH_SSH_COMMAND (null: plain ssh), the connect timeout.</summary>
public sealed record RemoteOptions(string RemoteReach, string? SshCommand, TimeSpan ConnectTimeout)
{
    /// <summary>For https:// remotes (reach serve agents): the token and certificates.</summary>
    public AgentCredentials Agent { get; init; } = AgentCredentials.None;

    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(5);
}
