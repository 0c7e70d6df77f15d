namespace Reach.Engine;

/// <summary>How long one probe may wait, and how far a trace goes.</summary>
public sealed record ProbeOptions(TimeSpan Timeout, int MaxHops)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMilliseconds(1500);
}
