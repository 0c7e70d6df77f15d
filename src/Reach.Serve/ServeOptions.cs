using System.Net;

namespace Reach.Serve;

/// <summary>What `reach serve` was started with.</summary>
/// <param name="Listen">Where Kestrel listens: 127.0.0.1:9917 unless --listen says otherwise.</param>
/// <param name="MaxConcurrent">Probes (and /local runs) at once; the rest wait in a queue of <paramref name="MaxQueue"/>, and beyond that get 429.</param>
public sealed record ServeOptions(
    IPEndPoint Listen,
    string? ConfigFile,
    string? TokenFile,
    string? WebConfigFile,
    bool Schedule,
    int MaxConcurrent,
    int MaxQueue)
{
    public const int DefaultPort = 9917;

    public static readonly IPEndPoint DefaultListen = new(IPAddress.Loopback, DefaultPort);

    public const int DefaultMaxConcurrent = 32;

    public const int DefaultMaxQueue = 128;

    /// <summary>The longest /local?watch= a client may ask for (the ssh transport's window is at most 60 s too).</summary>
    public static readonly TimeSpan MaxWatch = TimeSpan.FromSeconds(60);

    /// <summary>Requests whose request line is longer are answered 414 by Kestrel: a target and a module fit in far less.</summary>
    public const int MaxRequestLine = 4096;
}
