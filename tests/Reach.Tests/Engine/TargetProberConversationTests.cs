using System.Net;
using Reach.Core.Observations;
using Reach.Engine;
using Xunit;

namespace Reach.Tests.Engine;

/// <summary>The first SYN, when it opens, also asks the port's protocol: its answer rides along; a closed port asks nothing.</summary>
public sealed class TargetProberConversationTests
{
    private static readonly IPEndPoint Port80 = new(IPAddress.Parse("10.1.2.5"), 80);
    private static readonly ProbeOptions Options = new(TimeSpan.FromMilliseconds(600), 8);

    [Fact]
    public async Task An_open_port_carries_what_crossed_after_the_handshake()
    {
        var asked = new DataExchange("http", DataResult.Answered, "HEAD / HTTP/1.0", "HTTP/1.0 200 OK", 0.5);
        var talk = new ScriptedConversation(new TcpOutcome(Port80, TcpResult.Open, 0.3), asked);

        var result = await new TargetProber(new NoOtherProbes(), Options, TimeProvider.System) { Conversation = talk }.ProbeAsync(Port80, 0.1, null, CancellationToken.None);

        Assert.Equal(TcpResult.Open, result.Connect.Result);
        Assert.Same(asked, result.Data);
        Assert.Equal(1, talk.Calls);
    }

    [Fact]
    public async Task A_refused_port_has_nothing_to_ask()
    {
        var talk = new ScriptedConversation(new TcpOutcome(Port80, TcpResult.Reset, 0.3), null);

        var result = await new TargetProber(new NoOtherProbes(), Options, TimeProvider.System) { Conversation = talk }.ProbeAsync(Port80, 0.1, null, CancellationToken.None);

        Assert.Equal(TcpResult.Reset, result.Connect.Result);
        Assert.Null(result.Data);
    }

    private sealed class ScriptedConversation(TcpOutcome syn, DataExchange? data) : IConversationProbes
    {
        public int Calls { get; private set; }

        public Task<TcpConversation> ConverseAsync(IPEndPoint target, TimeSpan timeout, TimeSpan answerTimeout, CancellationToken synCancellation, CancellationToken cancellationToken)
        {
            Calls++;
            return Task.FromResult(new TcpConversation(syn, data is null ? null : Task.FromResult(data)));
        }
    }

    /// <summary>The echo answers at once; any other SYN (a trace, a confirming one) would be a test failure.</summary>
    private sealed class NoOtherProbes : IProbes
    {
        public Task<PingOutcome> PingAsync(IPAddress target, TimeSpan timeout, CancellationToken cancellationToken) =>
            Task.FromResult(new PingOutcome(target, PingResult.Reply, 0.2, Ttl: 63));

        public Task<TcpOutcome> ConnectAsync(IPEndPoint target, TimeSpan timeout, int? ttl, bool readAnswerTtl, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("only the conversation's SYN is expected");

        public Task<PathMtuOutcome> PathMtuAsync(IPAddress target, int egressMtu, TimeSpan timeout, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("no egress MTU was given");
    }
}
