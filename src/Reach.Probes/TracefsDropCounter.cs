using System.Globalization;

namespace Reach.Probes;

/// <summary>
/// The drop watch's fallback when eBPF cannot load: the skb:kfree_skb tracepoint recorded in a tracefs
/// instance of reach's own (instances/reach-PID: its own ring buffer and event switches, so the host's
/// tracing and other tools' instances are left alone), removed on Dispose. The tracepoint carries no
/// addresses, so what it counts is host-wide, every namespace and every flow: a hint beside the
/// counters, never proof for the client's flow. Needs root and a mounted tracefs.
/// </summary>
public sealed class TracefsDropCounter : IDisposable
{
    private static readonly string[] Roots = ["/sys/kernel/tracing", "/sys/kernel/debug/tracing"];

    private readonly string instance;
    private bool removed;

    private TracefsDropCounter(string instance) => this.instance = instance;

    /// <summary>Makes the instance and turns kfree_skb on in it; on failure says why and leaves nothing behind.</summary>
    public static TracefsDropCounter? TryStart(out string? error)
    {
        var root = Roots.FirstOrDefault(r => Directory.Exists(Path.Combine(r, "instances")));
        if (root is null)
        {
            error = "tracefs is not mounted (mount -t tracefs nodev /sys/kernel/tracing)";
            return null;
        }

        var path = Path.Combine(root, "instances", $"reach-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}");
        TracefsDropCounter? counter = null;
        try
        {
            Directory.CreateDirectory(path);
            counter = new TracefsDropCounter(path);
            // A small buffer (per CPU): the fallback counts, it does not keep a history.
            File.WriteAllText(Path.Combine(path, "buffer_size_kb"), "256");
            File.WriteAllText(Path.Combine(path, "events", "skb", "kfree_skb", "enable"), "1");
            error = null;
            return counter;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            counter?.Dispose();
            error = e is UnauthorizedAccessException ? $"{path}: needs root" : $"{path}: {e.Message}";
            return null;
        }
    }

    /// <summary>Stops recording and returns what the instance holds (the `trace` file's text); null when unreadable.</summary>
    public string? Stop()
    {
        try
        {
            File.WriteAllText(Path.Combine(instance, "events", "skb", "kfree_skb", "enable"), "0");
            return File.ReadAllText(Path.Combine(instance, "trace"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Removes the instance (rmdir frees its buffer; tracefs refuses only while a reader holds it open).</summary>
    public void Dispose()
    {
        if (removed)
        {
            return;
        }

        removed = true;
        try
        {
            Directory.Delete(instance);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing more can be done here; `rmdir` of the path (its name holds our pid) removes it.
        }
    }
}
