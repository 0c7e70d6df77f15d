namespace Reach.Firewall;

/// <summary>
/// An ipset port dimension: the protocol is part of the element (ipset(8): <c>hash:ip,port</c> stores
/// <c>tcp:22</c> and <c>udp:22</c> as different members).
/// </summary>
public sealed record ProtocolPortValue(int Protocol, ushort Low, ushort High) : FieldValue
{
    internal override bool Matches(in FieldReading reading) =>
        reading.Kind == ReadingKind.Number && reading.Protocol == Protocol && reading.Number >= Low && reading.Number <= High;

    public override string ToString() =>
        Low == High ? $"{IpProtocol.Name(Protocol)}:{Low}" : $"{IpProtocol.Name(Protocol)}:{Low}-{High}";
}
