using System.Net;
using System.Net.Sockets;

namespace Reach.Core.Observations;

/// <summary>
/// A listening TCP socket or a bound UDP socket, as the kernel's socket table shows it (ss -lntupe).
/// </summary>
/// <param name="V6Only">For an IPv6 wildcard socket: true when IPV6_V6ONLY keeps IPv4 out (ss prints [::]:80), false for dual-stack (*:80).</param>
/// <param name="Process">The owner as `netstat -lnp` shows it ("919/apache"); null when not visible without privilege.</param>
/// <param name="QueueLength">For a listener: connections waiting to be accepted (Recv-Q).</param>
/// <param name="Backlog">For a listener: the accept queue's size (Send-Q).</param>
public sealed record Listener(string Protocol, IPAddress Address, int Port, bool? V6Only, string? Interface, string? Process, int QueueLength, int Backlog)
{
    public bool IsLoopback => IPAddress.IsLoopback(Address);

    /// <summary>Whether an IPv4 client can reach it at all: an IPv4 socket, or a dual-stack IPv6 wildcard.</summary>
    public bool AcceptsIPv4 => Address.AddressFamily == AddressFamily.InterNetwork || (Address.Equals(IPAddress.IPv6Any) && V6Only == false) || Address.IsIPv4MappedToIPv6;

    public bool AcceptsIPv6 => Address.AddressFamily == AddressFamily.InterNetworkV6;

    /// <summary>The local address as ss prints it: *:80 dual-stack, [::]:80 IPv6 only.</summary>
    public string Endpoint => Address.Equals(IPAddress.IPv6Any) && V6Only == false ? $"*:{Port}"
        : Address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{Address}]:{Port}" : $"{Address}:{Port}";

    public override string ToString() =>
        $"{Protocol} {Endpoint}{(Interface is null ? string.Empty : $"%{Interface}")}{(Process is null ? string.Empty : $" {Process}")}";
}
