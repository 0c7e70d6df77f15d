using System.Net;
using Reach.Core.Watching;
using Reach.Engine;

namespace Reach.Tests.Engine;

/// <summary>
/// The server end's kernel drop watch with scripted events: handed over once the window has passed (on the
/// fake clock) or the engine stops it, as the ring buffer's reader does. Null events: it could not load,
/// for <paramref name="error"/> (the default of a scripted network: no kernel in a unit test).
/// </summary>
internal sealed class ScriptedKernelWatch(Microsoft.Extensions.Time.Testing.FakeTimeProvider time, IReadOnlyList<KernelEvent>? events, string error = "no kernel watch in this test") : IKernelWatch
{
    public IKernelCapture Open(IPAddress client, int port) => new Capture(time, events, events is null ? error : null);

    private sealed class Capture(TimeProvider time, IReadOnlyList<KernelEvent>? events, string? error) : IKernelCapture
    {
        public string? Error => error;

        public async Task<KernelWatch> CollectAsync(TimeSpan window, CancellationToken stop)
        {
            if (events is null)
            {
                return new KernelWatch(error, [], 0, [], "no tracefs in this test");
            }

            await Task.Delay(window, time, stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            return new KernelWatch(null, events, 0, [], null);
        }

        public void Dispose()
        {
        }
    }
}
