using System.Runtime.InteropServices;

namespace Reach.Probes.Native;

/// <summary>
/// The libc calls for a read-only packet socket (packet(7)): .NET has no AF_PACKET endpoint that reports
/// the interface index and packet type (sockaddr_ll), nor a way to attach a classic BPF filter.
/// </summary>
internal static partial class PacketSocketNative
{
    public const int AfPacket = 17;
    public const int SockDgram = 2;
    public const int SolSocket = 1;
    public const int SoAttachFilter = 26;
    public const ushort EthPAll = 0x0003;
    public const short PollIn = 0x0001;
    public const byte PacketOutgoing = 4;

    [StructLayout(LayoutKind.Sequential)]
    public struct SockFilter
    {
        public ushort Code;
        public byte Jt;
        public byte Jf;
        public uint K;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct SockFprog
    {
        public ushort Length;
        public nint Filter;
    }

    [StructLayout(LayoutKind.Sequential)]
    public unsafe struct SockaddrLl
    {
        public ushort Family;
        public ushort Protocol;
        public int IfIndex;
        public ushort HaType;
        public byte PktType;
        public byte HaLength;
        public fixed byte Address[8];
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    public static partial int Socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    public static unsafe partial int SetSockOpt(int fd, int level, int name, void* value, uint length);

    [LibraryImport("libc", EntryPoint = "recvfrom", SetLastError = true)]
    public static unsafe partial nint RecvFrom(int fd, byte* buffer, nuint length, int flags, SockaddrLl* from, uint* fromLength);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    public static unsafe partial int Poll(PollFd* fds, nuint count, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "if_indextoname", SetLastError = true)]
    public static unsafe partial byte* IfIndexToName(uint index, byte* name);
}
