using System.Runtime.InteropServices;

namespace Reach.Probes.Native;

/// <summary>The one libc call .NET does not expose: recvmsg(2), for MSG_ERRQUEUE.</summary>
internal static partial class LibC
{
    public const int MsgErrQueue = 0x2000;
    public const int MsgDontWait = 0x40;

    [StructLayout(LayoutKind.Sequential)]
    public struct IoVec
    {
        public nint Base;
        public nuint Length;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct MsgHdr
    {
        public nint Name;
        public uint NameLength;
        public nint Iov;
        public nuint IovLength;
        public nint Control;
        public nuint ControlLength;
        public int Flags;
    }

    [LibraryImport("libc", EntryPoint = "recvmsg", SetLastError = true)]
    public static unsafe partial nint RecvMsg(nint socket, MsgHdr* message, int flags);
}
