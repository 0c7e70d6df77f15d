using System.Runtime.InteropServices;

namespace Reach.Probes.Native;

/// <summary>
/// The libc calls .NET does not expose: recvmsg(2) (for MSG_ERRQUEUE and for ancillary data such as the
/// received hop limit), and the few calls an AF_PACKET socket needs (.NET has no sockaddr_ll endpoint).
/// </summary>
internal static partial class LibC
{
    public const int MsgErrQueue = 0x2000;
    public const int MsgDontWait = 0x40;
    public const int MsgTrunc = 0x20;
    public const int AfPacket = 17;
    public const int SockDgram = 2;
    public const int SockCloexec = 0x80000;
    public const short PollIn = 1;
    public const int EIntr = 4;
    public const int EAgain = 11;
    public const int EPerm = 1;
    public const int EAcces = 13;

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

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport("libc", EntryPoint = "recvmsg", SetLastError = true)]
    public static unsafe partial nint RecvMsg(nint socket, MsgHdr* message, int flags);

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    public static partial int Socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "bind", SetLastError = true)]
    public static unsafe partial int Bind(int socket, byte* address, uint length);

    [LibraryImport("libc", EntryPoint = "sendto", SetLastError = true)]
    public static unsafe partial nint SendTo(int socket, byte* buffer, nuint length, int flags, byte* address, uint addressLength);

    [LibraryImport("libc", EntryPoint = "recv", SetLastError = true)]
    public static unsafe partial nint Recv(int socket, byte* buffer, nuint length, int flags);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    public static unsafe partial int Poll(PollFd* fds, nuint count, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "close")]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "strerror")]
    private static partial nint StrError(int errno);

    /// <summary>The C library's text for an errno, as ping and arping print it.</summary>
    public static string Describe(int errno) => (Marshal.PtrToStringUTF8(StrError(errno)) ?? "error") + $" (errno {errno})";
}
