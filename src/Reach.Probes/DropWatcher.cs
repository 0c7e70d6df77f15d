using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using Reach.Core.Watching;
using Reach.Probes.Bpf;
using Reach.Probes.Native;

namespace Reach.Probes;

/// <summary>
/// The kernel's own word on one flow: loads the drop watch (Bpf/dropwatch.bpf.c, embedded) through
/// libbpf, keeps it to the client's TCP packets to the port and this host's answers, in this network
/// namespace, and reads its events from a ring buffer. Each dropped packet comes with the kernel's drop
/// reason (enum skb_drop_reason) and where it was dropped; SYNs the listener consumed and SYN-ACKs sent
/// again come too. Everything it attached is removed on Dispose; the kernel also removes it when the
/// process dies, since nothing is pinned (a program and its links live only as long as their file
/// descriptors). Needs CAP_BPF and CAP_PERFMON (root), BTF (/sys/kernel/btf/vmlinux) and libbpf.so.1.
/// </summary>
public sealed unsafe class DropWatcher : IDisposable
{
    private const string Btf = "/sys/kernel/btf/vmlinux";

    private readonly BpfObjectHandle obj;
    private readonly List<BpfLinkHandle> links;
    private RingBufferHandle? ring;
    private readonly nint lostMap;
    private readonly IPAddress client;
    private readonly int port;
    private readonly List<byte[]> raw = [];
    private readonly CancellationTokenSource ending = new();
    private GCHandle self;
    private Task? collecting;
    private int disposed;

    private DropWatcher(BpfObjectHandle obj, List<BpfLinkHandle> links, nint lostMap, IPAddress client, int port)
    {
        this.obj = obj;
        this.links = links;
        this.lostMap = lostMap;
        this.client = client;
        this.port = port;
    }

    /// <summary>Loads and attaches the watch for one flow; on failure says why in one phrase and leaves nothing attached.</summary>
    public static DropWatcher? TryOpen(IPAddress client, int port, out string? error)
    {
        if (!OperatingSystem.IsLinux())
        {
            error = "the kernel drop watch is Linux only";
            return null;
        }

        if (!File.Exists(Btf))
        {
            error = $"this kernel has no BTF ({Btf}): the drop watch cannot be fitted to it (CONFIG_DEBUG_INFO_BTF)";
            return null;
        }

        if (NetNamespace() is not { } netns)
        {
            error = "cannot read this process's network namespace (/proc/self/ns/net)";
            return null;
        }

        try
        {
            return Open(client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client, port, netns, out error);
        }
        catch (DllNotFoundException)
        {
            error = "libbpf is not installed (libbpf.so.1: Debian's libbpf1)";
            return null;
        }
        catch (EntryPointNotFoundException e)
        {
            error = $"this libbpf is too old for the drop watch (needs 1.0 or later): {e.Message}";
            return null;
        }
    }

    private static DropWatcher? Open(IPAddress client, int port, uint netns, out string? error)
    {
        LibBpfLog.Capture();
        var elf = Elf(out var size);
        if (elf is null)
        {
            error = "this build of reach carries no eBPF object (Reach.Probes.dropwatch.bpf.o)";
            return null;
        }

        BpfObjectHandle obj;
        var name = "reach_dropwatch\0"u8;
        fixed (byte* n = name)
        {
            var options = new LibBpf.OpenOptions { Size = (nuint)sizeof(LibBpf.OpenOptions), ObjectName = n };
            var opened = LibBpf.ObjectOpenMem(elf, size, &options);
            if (opened == 0)
            {
                NativeMemory.Free(elf);
                error = Failure("opening the eBPF object failed", Marshal.GetLastPInvokeError());
                return null;
            }

            obj = new BpfObjectHandle(opened, elf);
        }

        var links = new List<BpfLinkHandle>();
        RingBufferHandle? ring = null;
        var self = default(GCHandle);
        try
        {
            var loaded = LibBpf.ObjectLoad(obj.DangerousGetHandle());
            var errno = Marshal.GetLastPInvokeError();
            Trim();
            if (loaded != 0)
            {
                error = LoadFailure(errno);
                return null;
            }

            var flowMap = LibBpf.FindMap(obj.DangerousGetHandle(), "flow");
            var eventsMap = LibBpf.FindMap(obj.DangerousGetHandle(), "events");
            var lostMap = LibBpf.FindMap(obj.DangerousGetHandle(), "lost");
            if (flowMap == 0 || eventsMap == 0 || lostMap == 0)
            {
                error = "the eBPF object lacks its maps (flow, events, lost)";
                return null;
            }

            // The flow goes in before anything is attached: until then the programs keep nothing.
            var flow = DropEventDecoder.Flow(netns, client, port);
            var key = 0u;
            fixed (byte* f = flow)
            {
                if (LibBpf.MapUpdate(flowMap, &key, sizeof(uint), f, (nuint)flow.Length, 0) != 0)
                {
                    error = Failure("setting the flow to watch failed", Marshal.GetLastPInvokeError());
                    return null;
                }
            }

            // Raw tracepoints all (BPF_RAW_TRACEPOINT_OPEN): a perf-event tracepoint would need tracefs mounted.
            foreach (var (program, tracepoint) in new[] { ("reach_kfree_skb", "skb:kfree_skb"), ("reach_consume", "skb:consume_skb"), ("reach_synack", "tcp:tcp_retransmit_synack") })
            {
                var prog = LibBpf.FindProgram(obj.DangerousGetHandle(), program);
                var link = prog == 0 ? 0 : LibBpf.AttachRawTracepoint(prog, tracepoint[(tracepoint.IndexOf(':', StringComparison.Ordinal) + 1)..]);
                if (link == 0)
                {
                    error = Failure($"attaching to {tracepoint} failed", Marshal.GetLastPInvokeError());
                    return null;
                }

                links.Add(new BpfLinkHandle(link));
            }

            // The ring buffer's callback finds the watcher through a GC handle (its context pointer).
            var watcher = new DropWatcher(obj, links, lostMap, client, port);
            self = GCHandle.Alloc(watcher);
            var rb = LibBpf.RingBufferNew(LibBpf.MapFd(eventsMap), &OnEvent, GCHandle.ToIntPtr(self), 0);
            if (rb == 0)
            {
                error = Failure("opening the ring buffer failed", Marshal.GetLastPInvokeError());
                return null;
            }

            ring = new RingBufferHandle(rb);
            watcher.ring = ring;
            watcher.self = self;
            error = null;
            return watcher;
        }
        finally
        {
            if (ring is null)
            {
                // Nothing half-attached is left behind: links first, then the object (programs, maps).
                foreach (var link in links)
                {
                    link.Dispose();
                }

                obj.Dispose();
                if (self.IsAllocated)
                {
                    self.Free();
                }
            }
        }
    }

    /// <summary>
    /// Collects the flow's events until <paramref name="window"/> has passed or <paramref name="stop"/>
    /// is cancelled, then names the reasons (this kernel's BTF) — the functions are the caller's
    /// (/proc/kallsyms is a reader's business).
    /// </summary>
    public Task<KernelWatch> CollectAsync(TimeSpan window, CancellationToken stop)
    {
        var task = Task.Factory.StartNew(() => Collect(window, stop), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        collecting = task;
        return task;
    }

    private KernelWatch Collect(TimeSpan window, CancellationToken stop)
    {
        var startNs = MonotonicNs();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < window && !stop.IsCancellationRequested && !ending.IsCancellationRequested)
        {
            // Short polls so that a stop is honoured within 50 ms; a negative result is EINTR or an error: go on.
            _ = LibBpf.RingBufferPoll(ring!.DangerousGetHandle(), (int)Math.Clamp((window - clock.Elapsed).TotalMilliseconds, 0, 50));
        }

        _ = LibBpf.RingBufferConsume(ring!.DangerousGetHandle());
        var events = new List<KernelEvent>();
        foreach (var data in raw)
        {
            if (DropEventDecoder.Decode(data, client, port, startNs, InterfaceName) is { } e)
            {
                events.Add(e);
            }
        }

        if (events.Any(e => e.Kind == KernelEventKind.Dropped))
        {
            var names = ReasonNames();
            events = events.Select(e => e.Kind == KernelEventKind.Dropped ? e with { ReasonName = DropReasonNames.Name(names, e.Reason) } : e).ToList();
        }

        return new KernelWatch(null, events, Lost(), [], null);
    }

    /// <summary>The events as the ring buffer gave them (for capturing test fixtures: Reach.ProbeHost's dropwatch).</summary>
    internal IReadOnlyList<byte[]> RawEvents => raw;

    [UnmanagedCallersOnly]
    private static int OnEvent(nint context, byte* data, nuint size)
    {
        // Called by ring_buffer__poll on the collecting thread: the bytes are copied, decoded later.
        if (GCHandle.FromIntPtr(context).Target is DropWatcher watcher)
        {
            watcher.raw.Add(new ReadOnlySpan<byte>(data, (int)Math.Min(size, (nuint)DropEventDecoder.Size)).ToArray());
        }

        return 0;
    }

    private long Lost()
    {
        var key = 0u;
        var lost = 0L;
        return LibBpf.MapLookup(lostMap, &key, sizeof(uint), &lost, sizeof(long), 0) == 0 ? lost : 0;
    }

    /// <summary>
    /// enum skb_drop_reason from this kernel's BTF, read only when something was dropped, and streamed
    /// (<see cref="BtfEnumReader"/>): a libbpf parse of the whole BTF at the end of the watch was its peak memory.
    /// </summary>
    private static Dictionary<int, string> ReasonNames()
    {
        try
        {
            return DropReasonNames.From(BtfEnumReader.Read(Btf, "skb_drop_reason"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The reasons are then said by number ("reason 3"): the verdict's proof does not need the name.
            return [];
        }
    }

    /// <summary>Returns the memory libbpf freed (its BTF parse) to the system; a libc without malloc_trim (musl) keeps it.</summary>
    private static void Trim()
    {
        try
        {
            _ = LibBpf.MallocTrim(0);
        }
        catch (EntryPointNotFoundException)
        {
            // Not glibc: the peak is a few MB higher, nothing else changes.
        }
    }

    private static void* Elf(out nuint size)
    {
        using var stream = typeof(DropWatcher).Assembly.GetManifestResourceStream("Reach.Probes.dropwatch.bpf.o");
        if (stream is null)
        {
            size = 0;
            return null;
        }

        size = (nuint)stream.Length;
        var elf = NativeMemory.Alloc(size);
        stream.ReadExactly(new Span<byte>(elf, (int)size));
        return elf;
    }

    /// <summary>The inode number of this process's network namespace: /proc/self/ns/net links to "net:[4026531840]".</summary>
    private static uint? NetNamespace()
    {
        var target = new FileInfo("/proc/self/ns/net").LinkTarget;
        return target is not null && target.StartsWith("net:[", StringComparison.Ordinal) && target.EndsWith(']')
            && uint.TryParse(target.AsSpan(5, target.Length - 6), NumberStyles.None, CultureInfo.InvariantCulture, out var inode)
            ? inode
            : null;
    }

    private static long MonotonicNs() => (long)(Stopwatch.GetTimestamp() * (1e9 / Stopwatch.Frequency));

    private static string? InterfaceName(int index)
    {
        var name = stackalloc byte[16];
        return PacketSocketNative.IfIndexToName((uint)index, name) is null ? $"if{index}" : Marshal.PtrToStringUTF8((nint)name);
    }

    private static string LoadFailure(int errno)
    {
        var lockdown = File.Exists("/sys/kernel/security/lockdown") ? File.ReadAllText("/sys/kernel/security/lockdown") : string.Empty;
        if (lockdown.Contains("[integrity]", StringComparison.Ordinal) || lockdown.Contains("[confidentiality]", StringComparison.Ordinal))
        {
            return $"the kernel is locked down ({lockdown.Trim()}): it refuses eBPF programs that read kernel memory";
        }

        return errno is 1 or 13
            ? "loading eBPF programs needs CAP_BPF and CAP_PERFMON (run as root)"
            : Failure("the kernel refused the eBPF program", errno);
    }

    private static string Failure(string what, int errno)
    {
        var log = LibBpfLog.Last();
        var text = errno > 0 ? $"{what}: {Marshal.GetPInvokeErrorMessage(errno)}" : what;
        return log.Length > 0 ? $"{text} ({log})" : text;
    }

    /// <summary>Detaches and unloads everything, after the collecting thread (if any) has left libbpf.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        ending.Cancel();
        try
        {
            collecting?.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
            // The collection's own failure is its caller's to see; here only the wait matters.
        }

        ring?.Dispose();
        foreach (var link in links)
        {
            link.Dispose();
        }

        obj.Dispose();
        if (self.IsAllocated)
        {
            self.Free();
        }

        ending.Dispose();
    }
}
