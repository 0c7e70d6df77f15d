using System.Net;

namespace Reach.Core.Observations;

/// <summary>
/// One place this host's nat OUTPUT sends a connection to a service address: the backend, how often
/// (random matches split the walk: kube-proxy's `statistic random` and `numgen random`), the rules that
/// translate it, and how the backend answered a SYN sent to it directly.
/// </summary>
/// <param name="Endpoint">The translated destination (the service address itself for a branch that is not translated).</param>
/// <param name="Probability">The share of new connections that go this way (the branches' chances summed).</param>
/// <param name="Translations">Each translation on the way: <c>10.96.0.10:80 → 10.1.2.5:80 by nat/KUBE-SEP-… rule 2</c>.</param>
/// <param name="Connect">The SYN to <paramref name="Endpoint"/> itself; null when it was not sent.</param>
public sealed record ServiceBackend(IPEndPoint Endpoint, double Probability, IReadOnlyList<string> Translations, TcpOutcome? Connect = null);
