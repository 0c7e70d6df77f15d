using System.Runtime.InteropServices;
using System.Text;

namespace Reach.Probes.Native;

/// <summary>
/// libbpf's messages, kept instead of printed: by default libbpf writes its warnings to stderr, which
/// would land in the middle of reach's own output (and in `reach check --server`'s remote stderr). The
/// last warnings say why a load failed (the verifier's last lines, a missing BTF), so they end an error.
/// </summary>
internal static unsafe class LibBpfLog
{
    private const int Keep = 6;
    private static readonly Queue<string> Lines = new();
    private static readonly Lock Gate = new();

    /// <summary>Routes libbpf's messages here (libbpf_set_print is process-wide; done once per watch).</summary>
    public static void Capture()
    {
        lock (Gate)
        {
            Lines.Clear();
        }

        LibBpf.SetPrint(&Print);
    }

    /// <summary>The last warnings, joined on one line.</summary>
    public static string Last()
    {
        lock (Gate)
        {
            return string.Join(" / ", Lines);
        }
    }

    // libbpf_print_fn_t: int (*)(enum libbpf_print_level level, const char *format, va_list args). On
    // x86-64 (and arm64) a va_list argument arrives as a pointer, and vsnprintf takes it as such.
    [UnmanagedCallersOnly]
    private static int Print(int level, byte* format, nint args)
    {
        // LIBBPF_WARN = 0, LIBBPF_INFO = 1, LIBBPF_DEBUG = 2: warnings only.
        if (level != 0)
        {
            return 0;
        }

        const int Size = 512;
        var buffer = stackalloc byte[Size];
        var n = LibBpf.VsnPrintf(buffer, Size, format, args);
        if (n <= 0)
        {
            return 0;
        }

        var text = Encoding.UTF8.GetString(buffer, Math.Min(n, Size - 1)).Trim();
        if (text.Length > 0)
        {
            lock (Gate)
            {
                Lines.Enqueue(text);
                while (Lines.Count > Keep)
                {
                    Lines.Dequeue();
                }
            }
        }

        return n;
    }
}
