namespace Reach.Engine.Remote;

/// <summary>Where a remote end is asked: over SSH (<see cref="SshDestination"/>) or from a reach serve agent over HTTPS (<see cref="AgentDestination"/>).</summary>
public interface IRemoteDestination
{
    /// <summary>As the user wrote it: ssh://web1, https://web1:9917.</summary>
    string Via { get; }

    /// <summary>The host part, towards which this host's source address is chosen when the target's name does not resolve.</summary>
    string Host { get; }
}
