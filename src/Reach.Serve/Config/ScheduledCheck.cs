namespace Reach.Serve.Config;

/// <summary>A check `reach serve --schedule` runs every <paramref name="Interval"/> (plus up to <paramref name="Jitter"/>, so that a fleet does not probe in step).</summary>
public sealed record ScheduledCheck(string Name, string Target, string Module, TimeSpan Interval, TimeSpan Jitter);
