using Microsoft.Extensions.Time.Testing;

namespace Reach.Tests.Engine;

/// <summary>
/// Runs the engine on a fake clock: time moves in small steps only while the engine waits, so a
/// scenario that takes seconds for real (a late ICMP, a confirming SYN) takes milliseconds, and the
/// order of what happens is the one the real waits give. Nothing here asserts a duration.
/// </summary>
internal static class FakeClock
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(10);

    /// <summary>How far the fake clock may go before the engine is called stuck.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    public static async Task<T> RunAsync<T>(FakeTimeProvider time, Func<Task<T>> engine, TimeSpan? step = null)
    {
        var started = time.GetUtcNow();
        var task = Task.Run(engine);
        while (!task.IsCompleted)
        {
            if (time.GetUtcNow() - started > Limit)
            {
                throw new TimeoutException($"the engine was still waiting after {Limit.TotalMinutes} fake minutes");
            }

            // Let the engine's continuations on the thread pool run before the clock moves on.
            await Task.Delay(1);
            time.Advance(step ?? Step);
        }

        return await task;
    }
}
