using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using DnsClient;
using Microsoft.Extensions.Time.Testing;
using Reach.Core.Observations;
using Reach.Engine;

namespace Reach.Tests.Engine;

/// <summary>
/// Every probe the engine sends, answered by script on a fake clock: no packet leaves, no root is needed,
/// no real second passes. A script returns the answer (at once, or <see cref="Scripted{T}.After"/> later)
/// or null: silence until the probe's own timeout. Each probe is logged in the order it was sent.
/// </summary>
internal sealed class ScriptedNetwork : IProbes, IDnsProbes, IUdpProbes, INeighbourProbes
{
    private readonly ConcurrentDictionary<string, int> counts = new();

    public ScriptedNetwork(FakeTimeProvider? time = null) => Time = time ?? new FakeTimeProvider();

    public FakeTimeProvider Time { get; }

    /// <summary>What was sent, in order: "ping ADDR", "syn ADDR:PORT", "syn ADDR:PORT ttl=N", "solicit DEV ADDR", "query SERVER NAME TYPE", ...</summary>
    public ConcurrentQueue<string> Sent { get; } = new();

    /// <summary>Echo to an address; the int is how many echoes went to it before.</summary>
    public Func<IPAddress, int, Scripted<PingOutcome>?> Echo { get; set; } = (_, _) => null;

    /// <summary>A SYN (with the TTL of a trace probe, or null), from the source the probes were pinned to (or null); the int counts SYNs with that TTL before.</summary>
    public Func<IPEndPoint, int?, IPAddress?, int, Scripted<TcpOutcome>?> Syn { get; set; } = (_, _, _, _) => null;

    public Func<IPAddress, int, PathMtuOutcome?> PathMtu { get; set; } = (t, mtu) => new PathMtuOutcome(t, PathMtuResult.Fits, mtu, mtu, 1, 0.4);

    public Func<string, Scripted<SystemLookup>?> Lookup { get; set; } = _ => null;

    public Func<IPAddress, string, QueryType, Scripted<DnsAnswer>?> Query { get; set; } = (_, _, _) => null;

    public Func<IPAddress, IPAddress, Scripted<DnsAnswer>?> Reverse { get; set; } = (_, _) => null;

    public Func<IPEndPoint, Scripted<UdpOutcome>?> Datagram { get; set; } = _ => null;

    public Func<string, IPAddress, Scripted<NeighbourOutcome>?> Solicit { get; set; } = (_, _) => null;

    /// <summary>The MACs other than ours that answer ARP probes for an address (null: nobody else, as on a healthy LAN).</summary>
    public Func<IPAddress, IReadOnlyList<System.Net.NetworkInformation.PhysicalAddress>?> Claimed { get; set; } = _ => null;

    /// <summary>
    /// What crosses after the handshake of the first SYN, when it opens (the conversation probe, port.no-data): the
    /// exchange and when it ends. Null (the default): no conversation, the first SYN goes out alone as <see cref="Syn"/>.
    /// </summary>
    public Func<IPEndPoint, Scripted<DataExchange>>? Data { get; set; }

    /// <summary>The probes and clock for the engine.</summary>
    public ProbeSet Probes => new()
    {
        Packets = this,
        PacketsFromSource = source => new FromSource(this, source),
        Dns = this,
        Udp = this,
        Neighbour = this,
        Kernel = new ScriptedKernelWatch(Time, null),
        Conversation = (_, source) => Data is null ? null : new Conversing(this, source),
        Time = Time,
    };

    public Task<PingOutcome> PingAsync(IPAddress target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Sent.Enqueue($"ping {target}");
        return AnswerAsync(Echo(target, Next($"ping {target}")), timeout, () => new PingOutcome(target, PingResult.Silent, timeout.TotalMilliseconds), cancellationToken);
    }

    public Task<TcpOutcome> ConnectAsync(IPEndPoint target, TimeSpan timeout, int? ttl, bool readAnswerTtl, CancellationToken cancellationToken) =>
        Connect(target, timeout, ttl, null, cancellationToken);

    public Task<PathMtuOutcome> PathMtuAsync(IPAddress target, int egressMtu, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Sent.Enqueue($"pmtu {target} {egressMtu}");
        return AnswerAsync<PathMtuOutcome>(PathMtu(target, egressMtu), timeout, () => new PathMtuOutcome(target, PathMtuResult.Unknown, egressMtu, null, 0, timeout.TotalMilliseconds), cancellationToken);
    }

    public Task<SystemLookup> LookupAsync(string name, AddressFamily family, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Sent.Enqueue($"getaddrinfo {name}");
        return AnswerAsync(Lookup(name), timeout, () => new SystemLookup(name, [], $"no answer within {timeout.TotalMilliseconds:0} ms", timeout.TotalMilliseconds), cancellationToken);
    }

    public Task<DnsAnswer> QueryAsync(IPAddress server, string name, QueryType type, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Sent.Enqueue($"query {server} {name} {type}");
        return AnswerAsync(Query(server, name, type), timeout, () => new DnsAnswer(server, name, DnsResult.Timeout, [], timeout.TotalMilliseconds), cancellationToken);
    }

    public Task<DnsAnswer> ReverseAsync(IPAddress server, IPAddress address, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Sent.Enqueue($"ptr {server} {address}");
        return AnswerAsync(Reverse(server, address), timeout, () => new DnsAnswer(server, $"{address}", DnsResult.Timeout, [], timeout.TotalMilliseconds), cancellationToken);
    }

    public Task<UdpOutcome> ExchangeAsync(IPEndPoint target, byte[] payload, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Sent.Enqueue($"udp {target}");
        return AnswerAsync(Datagram(target), timeout, () => new UdpOutcome(target, UdpResult.Silent, timeout.TotalMilliseconds), cancellationToken);
    }

    public Task<NeighbourOutcome> SolicitAsync(string interfaceName, IPAddress target, IPAddress? source, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Sent.Enqueue($"solicit {interfaceName} {target}");
        return AnswerAsync(Solicit(interfaceName, target), timeout, () => new NeighbourOutcome(target, interfaceName, NeighbourResult.Silent, timeout.TotalMilliseconds, 3), cancellationToken);
    }

    public Task<AddressClaims> ClaimsAsync(string interfaceName, IReadOnlyList<IPAddress> addresses, TimeSpan maxWindow, CancellationToken enough, CancellationToken cancellationToken)
    {
        Sent.Enqueue($"claims {interfaceName} {string.Join(' ', addresses)}");
        return Task.FromResult(new AddressClaims(interfaceName, NeighbourResult.Answered, [.. addresses.Select(a => new AddressClaim(a, Claimed(a) ?? []))], 25, 2 * addresses.Count));
    }

    /// <summary>The probes of one kind that were sent, e.g. "syn" or "ping".</summary>
    public IReadOnlyList<string> SentOf(string kind) => Sent.Where(s => s.StartsWith(kind + " ", StringComparison.Ordinal)).ToList();

    private Task<TcpOutcome> Connect(IPEndPoint target, TimeSpan timeout, int? ttl, IPAddress? source, CancellationToken cancellationToken)
    {
        var what = $"syn {target}{(ttl is { } t ? $" ttl={t}" : string.Empty)}{(source is null ? string.Empty : $" from {source}")}";
        Sent.Enqueue(what);
        return AnswerAsync(Syn(target, ttl, source, Next($"syn {target} {ttl}")), timeout, () => new TcpOutcome(target, TcpResult.Silent, timeout.TotalMilliseconds), cancellationToken);
    }

    private int Next(string key) => counts.AddOrUpdate(key, 0, (_, n) => n + 1);

    /// <summary>The answer when it is due, silence at the timeout, or whatever is known when the caller stops waiting: probes never throw.</summary>
    private async Task<T> AnswerAsync<T>(Scripted<T>? answer, TimeSpan timeout, Func<T> silent, CancellationToken cancellationToken)
        where T : class
    {
        if (answer is { After.Ticks: 0 })
        {
            return answer.Outcome;
        }

        var wait = answer is not null && answer.After < timeout ? answer.After : timeout;
        await Task.Delay(wait, Time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return answer is not null && answer.After < timeout && !cancellationToken.IsCancellationRequested ? answer.Outcome : silent();
    }

    /// <summary>The question after the handshake: logged as "data ADDR:PORT", answered when its script says, bounded only by the caller.</summary>
    private async Task<DataExchange> AskAsync(IPEndPoint target, CancellationToken cancellationToken)
    {
        Sent.Enqueue($"data {target}");
        var answer = Data!(target);
        await Task.Delay(answer.After, Time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return answer.Outcome;
    }

    /// <summary>The first SYN as <see cref="Syn"/> answers it; once it opens, the scripted <see cref="Data"/> rides along.</summary>
    private sealed class Conversing(ScriptedNetwork network, IPAddress? source) : IConversationProbes
    {
        public async Task<TcpConversation> ConverseAsync(IPEndPoint target, TimeSpan timeout, TimeSpan answerTimeout, CancellationToken synCancellation, CancellationToken cancellationToken)
        {
            var syn = await network.Connect(target, timeout, null, source, synCancellation).ConfigureAwait(false);
            return new TcpConversation(syn, syn.Result == TcpResult.Open ? network.AskAsync(target, cancellationToken) : null);
        }
    }

    /// <summary>The same network, with the SYNs' source pinned (a translated connection's).</summary>
    private sealed class FromSource(ScriptedNetwork network, IPAddress source) : IProbes
    {
        public Task<PingOutcome> PingAsync(IPAddress target, TimeSpan timeout, CancellationToken cancellationToken) =>
            network.PingAsync(target, timeout, cancellationToken);

        public Task<TcpOutcome> ConnectAsync(IPEndPoint target, TimeSpan timeout, int? ttl, bool readAnswerTtl, CancellationToken cancellationToken) =>
            network.Connect(target, timeout, ttl, source, cancellationToken);

        public Task<PathMtuOutcome> PathMtuAsync(IPAddress target, int egressMtu, TimeSpan timeout, CancellationToken cancellationToken) =>
            network.PathMtuAsync(target, egressMtu, timeout, cancellationToken);
    }
}
