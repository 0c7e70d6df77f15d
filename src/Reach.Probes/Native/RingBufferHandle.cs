using Microsoft.Win32.SafeHandles;

namespace Reach.Probes.Native;

/// <summary>libbpf's reader of a BPF_MAP_TYPE_RINGBUF map (its epoll fd and the map's mmap'ed pages).</summary>
internal sealed class RingBufferHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public RingBufferHandle(nint ringBuffer)
        : base(ownsHandle: true) => SetHandle(ringBuffer);

    protected override bool ReleaseHandle()
    {
        LibBpf.RingBufferFree(handle);
        return true;
    }
}
