using System.Runtime.InteropServices;

namespace Reach.Probes.Native;

/// <summary>
/// The libbpf calls the kernel drop watch needs (Debian's libbpf1, 1.1: libbpf.h, btf.h). libbpf 1.x
/// returns NULL or a negative errno and sets errno (its "strict" mode is the only mode), so failures are
/// read with Marshal.GetLastPInvokeError. Loaded lazily: a host without libbpf.so.1 fails only here, with
/// DllNotFoundException, when the watch is asked for.
/// </summary>
internal static unsafe partial class LibBpf
{
    private const string Lib = "libbpf.so.1";

    /// <summary>struct bpf_object_open_opts, the two leading fields; libbpf reads only the first <see cref="Size"/> bytes.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct OpenOptions
    {
        public nuint Size;
        public byte* ObjectName;
    }

    [LibraryImport(Lib, EntryPoint = "libbpf_set_print")]
    public static partial nint SetPrint(delegate* unmanaged<int, byte*, nint, int> print);

    [LibraryImport(Lib, EntryPoint = "bpf_object__open_mem", SetLastError = true)]
    public static partial nint ObjectOpenMem(void* buffer, nuint size, OpenOptions* options);

    [LibraryImport(Lib, EntryPoint = "bpf_object__load", SetLastError = true)]
    public static partial int ObjectLoad(nint obj);

    [LibraryImport(Lib, EntryPoint = "bpf_object__close")]
    public static partial void ObjectClose(nint obj);

    [LibraryImport(Lib, EntryPoint = "bpf_object__find_program_by_name", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint FindProgram(nint obj, string name);

    [LibraryImport(Lib, EntryPoint = "bpf_object__find_map_by_name", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint FindMap(nint obj, string name);

    [LibraryImport(Lib, EntryPoint = "bpf_map__fd")]
    public static partial int MapFd(nint map);

    [LibraryImport(Lib, EntryPoint = "bpf_map__update_elem", SetLastError = true)]
    public static partial int MapUpdate(nint map, void* key, nuint keySize, void* value, nuint valueSize, ulong flags);

    [LibraryImport(Lib, EntryPoint = "bpf_map__lookup_elem", SetLastError = true)]
    public static partial int MapLookup(nint map, void* key, nuint keySize, void* value, nuint valueSize, ulong flags);

    [LibraryImport(Lib, EntryPoint = "bpf_program__attach_raw_tracepoint", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint AttachRawTracepoint(nint program, string name);

    [LibraryImport(Lib, EntryPoint = "bpf_link__destroy")]
    public static partial int LinkDestroy(nint link);

    [LibraryImport(Lib, EntryPoint = "ring_buffer__new", SetLastError = true)]
    public static partial nint RingBufferNew(int mapFd, delegate* unmanaged<nint, byte*, nuint, int> sample, nint context, nint options);

    [LibraryImport(Lib, EntryPoint = "ring_buffer__poll", SetLastError = true)]
    public static partial int RingBufferPoll(nint ringBuffer, int timeoutMs);

    [LibraryImport(Lib, EntryPoint = "ring_buffer__consume", SetLastError = true)]
    public static partial int RingBufferConsume(nint ringBuffer);

    [LibraryImport(Lib, EntryPoint = "ring_buffer__free")]
    public static partial void RingBufferFree(nint ringBuffer);

    /// <summary>
    /// malloc_trim(3), glibc: gives the heap's free memory back to the system. libbpf parses the kernel's
    /// whole BTF (about 6 MB) with malloc for CO-RE and frees it after the load; without a trim those pages
    /// stay resident for the whole watch.
    /// </summary>
    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    public static partial int MallocTrim(nuint pad);

    /// <summary>vsnprintf(3): formats libbpf's messages (a printf format and its va_list, passed on as received).</summary>
    [LibraryImport("libc", EntryPoint = "vsnprintf")]
    public static partial int VsnPrintf(byte* buffer, nuint size, byte* format, nint args);
}
