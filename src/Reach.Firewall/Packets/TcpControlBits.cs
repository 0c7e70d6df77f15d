namespace Reach.Firewall;

/// <summary>TCP header flags, with the bit values of the TCP header (RFC 9293) that nft and iptables use.</summary>
[Flags]
public enum TcpControlBits
{
    None = 0,
    Fin = 1,
    Syn = 2,
    Rst = 4,
    Psh = 8,
    Ack = 16,
    Urg = 32,
    Ece = 64,
    Cwr = 128,
}
