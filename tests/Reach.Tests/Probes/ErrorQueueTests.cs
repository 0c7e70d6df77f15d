using System.Buffers.Binary;
using System.Net;
using Reach.Probes.Native;
using Xunit;

namespace Reach.Tests.Probes;

/// <summary>The cmsg walk over what recvmsg(MSG_ERRQUEUE) returns, built byte by byte as the kernel lays it out (ip(7)).</summary>
public sealed class ErrorQueueTests
{
    private static byte[] Control(int level, int type, byte origin, byte icmpType, byte icmpCode, byte[] offender)
    {
        var data = new byte[16 + offender.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(data, 111); // ee_errno ECONNREFUSED
        data[4] = origin;
        data[5] = icmpType;
        data[6] = icmpCode;
        offender.CopyTo(data, 16);
        var length = 16 + data.Length;
        var buffer = new byte[(length + 7) & ~7];
        BinaryPrimitives.WriteUInt64LittleEndian(buffer, (ulong)length);
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(8), level);
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(12), type);
        data.CopyTo(buffer, 16);
        return buffer;
    }

    private static byte[] SockaddrIn(string address)
    {
        var s = new byte[16];
        BinaryPrimitives.WriteUInt16LittleEndian(s, 2); // AF_INET
        IPAddress.Parse(address).GetAddressBytes().CopyTo(s, 4);
        return s;
    }

    private static byte[] SockaddrIn6(string address)
    {
        var s = new byte[28];
        BinaryPrimitives.WriteUInt16LittleEndian(s, 10); // AF_INET6
        IPAddress.Parse(address).GetAddressBytes().CopyTo(s, 8);
        return s;
    }

    [Fact]
    public void Icmp_port_unreachable_names_its_sender()
    {
        var report = ErrorQueue.Parse(Control(0, 11, 2, 3, 3, SockaddrIn("10.1.2.5")));

        Assert.NotNull(report);
        Assert.Equal(IPAddress.Parse("10.1.2.5"), report.Sender);
        Assert.True(report.IsPortUnreachable);
    }

    [Fact]
    public void Icmpv6_admin_prohibited_is_read_from_ipv6_recverr()
    {
        var report = ErrorQueue.Parse(Control(41, 25, 3, 1, 1, SockaddrIn6("2001:db8::1")));

        Assert.NotNull(report);
        Assert.Equal(IPAddress.Parse("2001:db8::1"), report.Sender);
        Assert.True(report.IsProhibited);
    }

    [Fact]
    public void Local_errors_are_not_icmp_reports()
    {
        Assert.Null(ErrorQueue.Parse(Control(0, 11, 1, 0, 0, SockaddrIn("10.1.1.7"))));
    }

    [Fact]
    public void Other_control_messages_are_skipped()
    {
        var ttl = new byte[24];
        BinaryPrimitives.WriteUInt64LittleEndian(ttl, 20);
        BinaryPrimitives.WriteInt32LittleEndian(ttl.AsSpan(8), 0);
        BinaryPrimitives.WriteInt32LittleEndian(ttl.AsSpan(12), 2); // IP_TTL
        var both = ttl.Concat(Control(0, 11, 2, 11, 0, SockaddrIn("10.1.1.1"))).ToArray();

        var report = ErrorQueue.Parse(both);

        Assert.True(report!.IsTimeExceeded);
        Assert.Equal(IPAddress.Parse("10.1.1.1"), report.Sender);
    }
}
