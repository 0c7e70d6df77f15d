namespace Reach.Engine;

/// <summary>A stopwatch on a <see cref="TimeProvider"/>: real time in a run, fake time in tests.</summary>
internal sealed class Clock(TimeProvider time)
{
    private readonly long started = time.GetTimestamp();

    public TimeSpan Elapsed => time.GetElapsedTime(started);
}
