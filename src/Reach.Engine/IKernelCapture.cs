using Reach.Core.Watching;

namespace Reach.Engine;

/// <summary>An open kernel drop watch (see <see cref="IKernelWatch"/>); disposing it removes everything it attached.</summary>
internal interface IKernelCapture : IDisposable
{
    /// <summary>Why the kernel's drop reasons are not being watched (not root, no BTF, lockdown, no libbpf); null when they are.</summary>
    string? Error { get; }

    /// <summary>The flow's events (or the fallback's counts) until <paramref name="window"/> has passed or <paramref name="stop"/> is cancelled.</summary>
    Task<KernelWatch> CollectAsync(TimeSpan window, CancellationToken stop);
}
