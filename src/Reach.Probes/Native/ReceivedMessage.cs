using System.Net.Sockets;

namespace Reach.Probes.Native;

/// <summary>What one recvmsg(2) call returned: the data length, and how much of the name and control buffers the kernel filled.</summary>
internal readonly record struct ReceivedMessage(int Length, int NameLength, int ControlLength, int Flags)
{
    public bool Truncated => (Flags & LibC.MsgTrunc) != 0;

    /// <summary>One recvmsg(2) into the caller's buffers; null when nothing is queued (EAGAIN with MSG_DONTWAIT) or the call failed.</summary>
    public static unsafe ReceivedMessage? Receive(Socket socket, Span<byte> data, Span<byte> name, Span<byte> control, int flags)
    {
        fixed (byte* d = data, n = name, c = control)
        {
            var iov = new LibC.IoVec { Base = (nint)d, Length = (nuint)data.Length };
            var msg = new LibC.MsgHdr
            {
                Name = (nint)n,
                NameLength = (uint)name.Length,
                Iov = (nint)(&iov),
                IovLength = 1,
                Control = (nint)c,
                ControlLength = (nuint)control.Length,
            };
            var length = LibC.RecvMsg(socket.Handle, &msg, flags);
            return length < 0 ? null : new ReceivedMessage((int)length, (int)msg.NameLength, (int)msg.ControlLength, msg.Flags);
        }
    }
}
