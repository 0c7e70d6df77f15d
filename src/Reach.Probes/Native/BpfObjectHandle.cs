using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Reach.Probes.Native;

/// <summary>
/// A libbpf bpf_object and the native copy of the ELF it was opened from (bpf_object__open_mem keeps
/// pointing into it). Closing the object unloads its programs and maps: the kernel frees them once no
/// file descriptor (ours, a link's) refers to them, and none is ever pinned.
/// </summary>
internal sealed unsafe class BpfObjectHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private void* elf;

    public BpfObjectHandle(nint obj, void* elf)
        : base(ownsHandle: true)
    {
        SetHandle(obj);
        this.elf = elf;
    }

    protected override bool ReleaseHandle()
    {
        LibBpf.ObjectClose(handle);
        NativeMemory.Free(elf);
        elf = null;
        return true;
    }
}
