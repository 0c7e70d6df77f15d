using System.Threading.RateLimiting;
using Reach.Serve.Probing;

namespace Reach.Serve.Http;

/// <summary>What every endpoint shares: the settings in force, the engine, the limits, the records.</summary>
public sealed record ServeContext(
    ServeState State,
    IServeEngine Engine,
    IReportRenderer Renderer,
    ProbeRunner Runner,
    ServerMetrics Metrics,
    RecentProbes Recent,
    WatchRegistry Watches,
    ConcurrencyLimiter Limiter,
    RequestLog Log,
    TimeProvider Clock);
