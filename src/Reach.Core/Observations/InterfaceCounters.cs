namespace Reach.Core.Observations;

/// <summary>The error and drop counters of an interface (ip -s link; /sys/class/net/IF/statistics).</summary>
public sealed record InterfaceCounters(long RxErrors, long TxErrors, long RxDropped, long TxDropped)
{
    public static readonly InterfaceCounters Zero = new(0, 0, 0, 0);

    public long Errors => RxErrors + TxErrors;
}
