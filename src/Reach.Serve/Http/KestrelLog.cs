using Microsoft.Extensions.Logging;

namespace Reach.Serve.Http;

/// <summary>
/// The requests Kestrel refuses itself, before any middleware sees them (a request line over the limit
/// gets 414, headers over it 431; a TLS client without a valid certificate): each gets its log line too, from Kestrel's BadRequests category.
/// Everything else Kestrel would log stays silent: the request log says what matters.
/// </summary>
internal sealed class KestrelLog(RequestLog log) : ILoggerProvider, ILogger
{
    private const string BadRequests = "Microsoft.AspNetCore.Server.Kestrel.BadRequests";
    private const string Https = "Microsoft.AspNetCore.Server.Kestrel.Https";

    private string category = string.Empty;

    public ILogger CreateLogger(string categoryName) =>
        categoryName == BadRequests || categoryName.StartsWith(Https, StringComparison.Ordinal)
            ? new KestrelLog(log) { category = categoryName }
            : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    // Kestrel says these at Debug: a refused request line, a TLS handshake a client failed (no or a bad certificate).
    public bool IsEnabled(LogLevel logLevel) => category.Length > 0 && logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (IsEnabled(logLevel))
        {
            log.Line($"kestrel: {formatter(state, exception)}");
        }
    }

    public void Dispose()
    {
    }
}
