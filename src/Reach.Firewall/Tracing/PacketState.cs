using System.Net;
using System.Net.Sockets;

namespace Reach.Firewall;

/// <summary>
/// The packet as the rules see it at the current point of the walk: NAT, MARK and NOTRACK change it
/// for the rules that come after. A null field is unknown from that point on.
/// </summary>
internal sealed class PacketState
{
    public PacketState(Packet packet)
    {
        Packet = packet;
        Source = packet.Source;
        Destination = packet.Destination;
        SourcePort = packet.SourcePort;
        DestinationPort = packet.DestinationPort;
        State = packet.State;
        Mark = packet.Mark;
        Path = packet.Direction;
        OutInterface = packet.OutInterface;
        ConnMark = packet.ConnMark ?? (packet.State == ConnState.New ? 0u : null);
        TcpFlags = packet.TcpFlags ?? packet.State switch
        {
            ConnState.New => TcpControlBits.Syn,
            ConnState.Established => TcpControlBits.Ack,
            _ => null,
        };
    }

    public Packet Packet { get; }

    public ChainHook Hook { get; set; }

    /// <summary>The packet's path: Input until the route decision says Forward.</summary>
    public TrafficDirection Path { get; set; }

    /// <summary>The output interface once the route decision (or the packet) gives one.</summary>
    public string? OutInterface { get; set; }

    /// <summary>Picks one of the options (given by their probabilities) of a random match: the walk is repeated for each.</summary>
    public Func<IReadOnlyList<double>, int> Choose { get; set; } = _ => 0;

    public IPAddress? Source { get; set; }

    public IPAddress? Destination { get; set; }

    public int? SourcePort { get; set; }

    public int? DestinationPort { get; set; }

    public ConnState State { get; set; }

    public uint? Mark { get; set; }

    public uint? ConnMark { get; set; }

    public TcpControlBits? TcpFlags { get; }

    /// <summary>A DNAT or REDIRECT changed the destination.</summary>
    public bool DestinationTranslated { get; set; }

    /// <summary>A SNAT or MASQUERADE changed the source.</summary>
    public bool SourceTranslated { get; set; }

    /// <summary>REDIRECT sent it to a local address, which one not known.</summary>
    public bool RedirectedLocally { get; set; }

    public FieldReading Read(PacketField field)
    {
        var p = Packet;
        var ported = IpProtocol.HasPorts(p.Protocol);
        var icmp = p.Protocol is IpProtocol.Icmp or IpProtocol.IcmpV6;
        switch (field)
        {
            case PacketField.SourceAddress:
                return Source is { } s ? FieldReading.Of(s) : FieldReading.Unknown("the source address after source NAT is not known");
            case PacketField.DestinationAddress:
                return Destination is { } d ? FieldReading.Of(d) : FieldReading.Unknown("the destination address after DNAT/REDIRECT is not known");
            case PacketField.Protocol:
                return FieldReading.Of((ulong)p.Protocol);
            case PacketField.SourcePort:
                return !ported ? FieldReading.Absent
                    : SourcePort is { } sp ? FieldReading.Of((ulong)sp, p.Protocol)
                    : FieldReading.Unknown("the packet's source port was not given");
            case PacketField.DestinationPort:
                return !ported ? FieldReading.Absent
                    : DestinationPort is { } dp ? FieldReading.Of((ulong)dp, p.Protocol)
                    : FieldReading.Unknown("the packet's destination port is not known");
            case PacketField.InInterface:
                // A hook without an input device reads as the empty name: locally generated packets have
                // none, and POSTROUTING is called without one (NF_HOOK(..., NULL, out, ...)).
                return Hook is ChainHook.Output or ChainHook.Postrouting or ChainHook.Egress ? FieldReading.Of("")
                    : p.InInterface is { } iif ? FieldReading.Of(iif)
                    : FieldReading.Unknown("the input interface was not given");
            case PacketField.OutInterface:
                // Before the route decision there is no output device.
                return Hook is ChainHook.Prerouting or ChainHook.Input or ChainHook.Ingress ? FieldReading.Of("")
                    : OutInterface is { } oif ? FieldReading.Of(oif)
                    : FieldReading.Unknown("the output interface was not given");
            case PacketField.ConnState:
                return FieldReading.Of(State switch
                {
                    ConnState.Invalid => 1UL,
                    ConnState.Established => 2UL,
                    ConnState.Related => 4UL,
                    ConnState.New => 8UL,
                    _ => 64UL,
                });
            case PacketField.IcmpType:
                return !icmp ? FieldReading.Absent : p.IcmpType is { } t ? FieldReading.Of((ulong)t) : FieldReading.Unknown("the ICMP type was not given");
            case PacketField.IcmpCode:
                return !icmp ? FieldReading.Absent : p.IcmpCode is { } c ? FieldReading.Of((ulong)c) : FieldReading.Unknown("the ICMP code was not given");
            case PacketField.NfProto:
                return FieldReading.Of(p.Family == IpFamily.IPv4 ? 2UL : 10UL);
            case PacketField.Mark:
                return Mark is { } m ? FieldReading.Of(m) : FieldReading.Unknown("the packet mark is not known after an earlier rule changed it");
            case PacketField.ConnMark:
                return ConnMark is { } cm ? FieldReading.Of(cm) : FieldReading.Unknown("the connection mark of an existing connection was not given");
            case PacketField.SourceAddressType:
                return AddressType(Source, destination: false);
            case PacketField.DestinationAddressType:
                return AddressType(Destination, destination: true);
            case PacketField.TcpFlags:
                return p.Protocol != IpProtocol.Tcp ? FieldReading.Absent
                    : TcpFlags is { } f ? FieldReading.Of((ulong)f)
                    : FieldReading.Unknown("the TCP flags were not given");
            case PacketField.Fragment:
                return FieldReading.Of(0);
            case PacketField.PacketType:
                // skb->pkt_type: a client's unicast frame to this host is PACKET_HOST (0), even when it is
                // then forwarded; a locally generated one is too.
                return Destination is { } pd && IsMulticast(pd) ? FieldReading.Of(2)
                    : Destination is { } bd && bd.Equals(IPAddress.Broadcast) ? FieldReading.Of(1)
                    : FieldReading.Of(0);
            case PacketField.ConnStatus:
                // A NEW connection is not confirmed before its first packet leaves the last hook; its NAT
                // bits are set as the NAT hooks translate it (nf_nat_setup_info sets IPS_DST_NAT in PREROUTING).
                return State == ConnState.New
                    ? FieldReading.Of((DestinationTranslated ? 0x20UL : 0UL) | (SourceTranslated ? 0x10UL : 0UL))
                    : FieldReading.Unknown("the conntrack status of an existing connection is not known");
            case PacketField.ReversePath:
                if (Hook is ChainHook.Output or ChainHook.Postrouting or ChainHook.Egress)
                {
                    return FieldReading.Unknown("fib saddr . iif on a locally generated packet is not modelled");
                }

                return p.InInterface is not { } inIf ? FieldReading.Unknown("the input interface was not given")
                    : p.ReturnInterface is not { } back ? FieldReading.Unknown("the route back to the source was not given")
                    : FieldReading.Of(back == inIf ? 1UL : 0UL);
            case PacketField.Random:
                return FieldReading.Unknown("numgen random outside a verdict map is not modelled");
            default:
                return FieldReading.Unknown($"{field} is read elsewhere");
        }
    }

    /// <summary>
    /// The route type of an address, as iptables addrtype and nft fib report it (RTN_LOCAL, RTN_UNICAST…).
    /// Only what the packet itself proves is used: an Input packet is delivered to a local address,
    /// an Output packet leaves from one, a Forward packet goes to a remote one.
    /// </summary>
    private FieldReading AddressType(IPAddress? address, bool destination)
    {
        if (destination && RedirectedLocally)
        {
            return FieldReading.Of("local");
        }

        if (address is null)
        {
            return FieldReading.Unknown("the address after NAT is not known");
        }

        if (IsMulticast(address))
        {
            return FieldReading.Of("multicast");
        }

        if (address.Equals(IPAddress.Broadcast))
        {
            return FieldReading.Of("broadcast");
        }

        if (IPAddress.IsLoopback(address) || Packet.LocalAddresses?.Contains(address) == true)
        {
            return FieldReading.Of("local");
        }

        var direction = Path;
        if (destination && direction == TrafficDirection.Input && !DestinationTranslated)
        {
            return FieldReading.Of("local");
        }

        if (!destination && direction == TrafficDirection.Output)
        {
            return FieldReading.Of("local");
        }

        if ((destination && direction == TrafficDirection.Forward) || Packet.LocalAddresses is not null)
        {
            return FieldReading.Of("unicast");
        }

        return FieldReading.Unknown($"whether {address} is a local address is not known (give Packet.LocalAddresses)");
    }

    private static bool IsMulticast(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetwork ? (AddressBits.Of(address) >> 28) == 0xE : address.IsIPv6Multicast;
}
