namespace Reach.Engine.Remote;

/// <summary>How remote ends are asked: which reach to run there, the REACH_SSH_COMMAND (null: plain ssh), the connect timeout.</summary>
public sealed record RemoteOptions(string RemoteReach, string? SshCommand, TimeSpan ConnectTimeout)
{
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(5);
}
