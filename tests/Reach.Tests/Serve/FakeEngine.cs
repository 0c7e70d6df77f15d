using System.Net;
using Reach.Core.Model;
using Reach.Core.Targets;
using Reach.Engine;
using Reach.Serve.Probing;

namespace Reach.Tests.Serve;

/// <summary>An engine that probes nothing: it counts what it was asked, answers with a given report, and can be held to fill the queue.</summary>
internal sealed class FakeEngine : IServeEngine
{
    private int resolves;
    private int checks;
    private int locals;

    public Func<Target, Report> Answer { get; set; } = t => Reports.Ok(t.Input, IPAddress.Parse("10.1.2.5"));

    public Dictionary<string, IPAddress[]> Names { get; } = new(StringComparer.Ordinal);

    /// <summary>When set, every check waits for it: the way to keep probe slots busy.</summary>
    public TaskCompletionSource? Hold { get; set; }

    public int Resolves => resolves;

    public int Checks => checks;

    public int Locals => locals;

    /// <summary>Anything at all asked of the network.</summary>
    public int Calls => resolves + checks + locals;

    public List<ProbeOptions> Options { get; } = [];

    public Task<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref resolves);
        return Task.FromResult<IReadOnlyList<IPAddress>>(Names.TryGetValue(host, out var a) ? a : []);
    }

    public async Task<Report> CheckAsync(Target target, ProbeOptions options, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref checks);
        lock (Options)
        {
            Options.Add(options);
        }

        if (Hold is { } hold)
        {
            await hold.Task.WaitAsync(cancellationToken);
        }

        return Answer(target);
    }

    public Task<Report> LocalAsync(LocalRequest request, Task? clientDone, Action<bool> watching, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref locals);
        return Task.FromResult(Reports.Ok($"{request.Port}/{request.Protocol}", IPAddress.Parse("10.1.2.5")));
    }
}
