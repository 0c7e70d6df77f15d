using System.Net;
using Reach.Core.Model;
using Reach.Core.Targets;
using Reach.Engine;

namespace Reach.Serve.Probing;

/// <summary>
/// What the server asks of reach's engine. The live one runs the real checks; tests give a fake that
/// counts its calls, so that a refused request is proven to have probed nothing.
/// </summary>
public interface IServeEngine
{
    /// <summary>The addresses a name resolves to here (getaddrinfo), to judge them before anything is probed; empty when it does not resolve.</summary>
    Task<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken cancellationToken);

    /// <summary>`reach check TARGET`: the whole client-side diagnosis.</summary>
    Task<Report> CheckAsync(Target target, ProbeOptions options, CancellationToken cancellationToken);

    /// <summary>`reach local`, with --watch when <see cref="LocalRequest.Watch"/> is set.</summary>
    /// <param name="clientDone">Completes when the client has finished probing: a watch then ends early.</param>
    /// <param name="watching">Called once the watch runs (true) or cannot (false), before the answer; not called without a watch.</param>
    Task<Report> LocalAsync(LocalRequest request, Task? clientDone, Action<bool> watching, CancellationToken cancellationToken);
}
