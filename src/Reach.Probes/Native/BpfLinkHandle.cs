using Microsoft.Win32.SafeHandles;

namespace Reach.Probes.Native;

/// <summary>An attached program (a bpf_link): destroying it detaches the program from its tracepoint.</summary>
internal sealed class BpfLinkHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public BpfLinkHandle(nint link)
        : base(ownsHandle: true) => SetHandle(link);

    protected override bool ReleaseHandle() => LibBpf.LinkDestroy(handle) == 0;
}
