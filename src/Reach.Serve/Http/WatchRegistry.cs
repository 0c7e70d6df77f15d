using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Reach.Serve.Http;

/// <summary>
/// The /local watches under way, by an unguessable id: `POST /local/done?id=` is the HTTP form of
/// closing the ssh session's stdin (reach check --server says it has finished probing; the watch ends).
/// </summary>
public sealed class WatchRegistry
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> watches = new(StringComparer.Ordinal);

    public (string Id, Task Done) Register()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        watches[id] = done;
        return (id, done.Task);
    }

    /// <summary>Whether a watch by that id was running (and is now told the client is done).</summary>
    public bool Finish(string id) => watches.TryRemove(id, out var done) && done.TrySetResult();

    public void Forget(string id) => watches.TryRemove(id, out _);
}
