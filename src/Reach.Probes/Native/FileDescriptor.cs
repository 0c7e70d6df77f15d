using System.Runtime.InteropServices;

namespace Reach.Probes.Native;

/// <summary>A socket made with socket(2) directly (an AF_PACKET socket, which .NET's Socket cannot address): closed once.</summary>
internal sealed class FileDescriptor : SafeHandle
{
    public FileDescriptor(int fd)
        : base(-1, true)
    {
        SetHandle(fd);
    }

    public override bool IsInvalid => handle == -1;

    public int Fd => (int)handle;

    protected override bool ReleaseHandle() => LibC.Close((int)handle) == 0;
}
