using Reach.Core.Joining;

namespace Reach.Engine.Remote;

/// <summary>One remote end being asked, whatever the transport: ready when it watches, told when this host is done, finished into a <see cref="RemoteEnd"/>.</summary>
public interface IRemoteRun : IDisposable
{
    /// <summary>Completes when the remote end watches, or when it ended (or failed) without saying so.</summary>
    Task Ready { get; }

    /// <summary>This host has finished probing: the server end may stop watching.</summary>
    void FinishInput();

    /// <summary>Waits for the answer until <paramref name="deadline"/> (from the start); never throws for what the remote side did.</summary>
    Task<RemoteEnd> FinishAsync(TimeSpan deadline, CancellationToken cancellationToken);
}
