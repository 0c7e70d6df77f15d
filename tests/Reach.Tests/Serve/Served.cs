using System.Net;
using Reach.Serve.Cli;
using Reach.Serve;
using Reach.Serve.Config;
using Reach.Serve.Http;

namespace Reach.Tests.Serve;

/// <summary>`reach serve` in this process on a free loopback port, over a <see cref="FakeEngine"/>, with an HttpClient pointed at it.</summary>
internal sealed class Served : IAsyncDisposable
{
    private readonly ServeHost host;

    private Served(ServeHost host, FakeEngine engine, StringWriter log, Uri address)
    {
        this.host = host;
        Engine = engine;
        Log = log;
        Client = new HttpClient { BaseAddress = address };
    }

    public FakeEngine Engine { get; }

    public StringWriter Log { get; }

    public HttpClient Client { get; }

    public ServeState State => host.Context.State;

    public static async Task<Served> StartAsync(string? configYaml = null, string? token = null, int maxConcurrent = 4, int maxQueue = 4, string? configFile = null)
    {
        string? tokenFile = null;
        if (token is not null)
        {
            tokenFile = Path.GetTempFileName();
            await File.WriteAllTextAsync(tokenFile, token + "\n");
        }

        if (configYaml is not null)
        {
            configFile ??= Path.GetTempFileName();
            await File.WriteAllTextAsync(configFile, configYaml);
        }

        var options = new ServeOptions(new IPEndPoint(IPAddress.Loopback, 0), configFile, tokenFile, null, false, maxConcurrent, maxQueue);
        var settings = ServeStartup.Load(options);
        var engine = new FakeEngine();
        var log = new StringWriter();
        var host = ServeHost.Create(options, settings, engine, new ServeRenderer(), TextWriter.Synchronized(log), TimeProvider.System);
        await host.StartAsync(CancellationToken.None);
        return new Served(host, engine, log, new Uri(host.Addresses.Single()));
    }

    public async ValueTask DisposeAsync()
    {
        Engine.Hold?.TrySetResult();
        Client.Dispose();
        await host.DisposeAsync();
    }
}
