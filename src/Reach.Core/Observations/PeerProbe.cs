using System.Net;

namespace Reach.Core.Observations;

/// <summary>A ping to a neighbour and its ARP state afterwards: did this address answer at all?</summary>
public sealed record PeerProbe(IPAddress Address, PingOutcome Ping, Neighbour? Neighbour)
{
    public bool Answered => Ping.Replied || Neighbour?.Confirmed == true;

    public string Describe() =>
        $"{Address}: {Ping.Describe()}; {(Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "NDP" : "ARP")} {(Neighbour is null ? "no entry" : Neighbour.ToString())}";
}
