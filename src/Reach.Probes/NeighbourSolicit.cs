using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using Reach.Core.Observations;
using Reach.Probes.Native;

namespace Reach.Probes;

/// <summary>
/// "Is this neighbour alive now?", asked as arping and ndisc6 ask it: a fresh ARP request on an AF_PACKET
/// socket (IPv4) or a Neighbor Solicitation on a raw ICMPv6 socket bound to the interface (IPv6). The
/// kernel's neighbour table is only read by others, never written here: our request bypasses it, and a
/// reply only refreshes an entry the kernel already has (arp_process, ndisc_recv_na create none).
/// Up to <see cref="MaxRequests"/> requests <see cref="Spacing"/> apart, because one ARP can be lost.
/// Both sockets need CAP_NET_RAW.
/// </summary>
public static class NeighbourSolicit
{
    public const int MaxRequests = 3;
    public static readonly TimeSpan Spacing = TimeSpan.FromMilliseconds(200);

    /// <param name="interfaceName">The interface the neighbour is on (the route's device).</param>
    /// <param name="target">The neighbour's IPv4 or IPv6 address (a link-local one is fine: the interface is its scope).</param>
    /// <param name="source">Our address on that link. IPv4: null sends an ARP probe from 0.0.0.0 (RFC 5227), which every
    /// stack answers; IPv6: null lets the kernel choose.</param>
    public static Task<NeighbourOutcome> SolicitAsync(string interfaceName, IPAddress target, IPAddress? source, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(interfaceName);
        ArgumentNullException.ThrowIfNull(target);
        if (ReadLink(interfaceName, out var ifindex, out var mac) is { } error)
        {
            return Task.FromResult(new NeighbourOutcome(target, interfaceName, NeighbourResult.LocalError, 0, 0, Detail: error));
        }

        return target.AddressFamily == AddressFamily.InterNetworkV6
            ? SolicitV6Async(interfaceName, ifindex, mac, target, source, timeout, cancellationToken)
            : Task.Run(() => Arp(interfaceName, ifindex, mac, target, source ?? IPAddress.Any, timeout, cancellationToken), CancellationToken.None);
    }

    /// <summary>The interface index and MAC from sysfs (the namespace's own: `ip netns exec` remounts /sys).</summary>
    internal static string? ReadLink(string name, out int ifindex, out byte[] mac)
    {
        ifindex = 0;
        mac = [];
        if (name.Length is 0 or > 15 || name.Contains('/', StringComparison.Ordinal) || name is "." or "..")
        {
            return $"'{name}' is not an interface name";
        }

        var dir = Path.Combine("/sys/class/net", name);
        try
        {
            ifindex = int.Parse(File.ReadAllText(Path.Combine(dir, "ifindex")).Trim(), CultureInfo.InvariantCulture);
            var address = File.ReadAllText(Path.Combine(dir, "address")).Trim();
            mac = address.Split(':').Select(b => byte.Parse(b, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return $"no interface {name}: {e.Message}";
        }

        return mac.Length == 6 && mac.Any(b => b != 0) ? null : $"{name} has no Ethernet address: neighbours are not resolved on it";
    }

    private static NeighbourOutcome Arp(string name, int ifindex, byte[] mac, IPAddress target, IPAddress source, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        NeighbourOutcome Outcome(NeighbourResult result, int requests, PhysicalAddress? reply = null, string? detail = null) =>
            new(target, name, result, clock.Elapsed.TotalMilliseconds, requests, reply, detail);

        using var socket = ArpSocket.Open(name, ifindex, out var failure, out var why);
        if (socket is null)
        {
            return Outcome(failure, 0, detail: why);
        }

        var request = ArpMessage.WhoHas(mac, source, target);
        var sent = 0;
        var nextSend = TimeSpan.Zero;
        while (clock.Elapsed < timeout && !cancellationToken.IsCancellationRequested)
        {
            if (sent < MaxRequests && clock.Elapsed >= nextSend)
            {
                if (socket.Broadcast(request) is { } error)
                {
                    // ENETDOWN for an interface that is down: nothing can answer on it.
                    return Outcome(NeighbourResult.LocalError, sent, detail: $"send on {name}: {error}");
                }

                sent++;
                nextSend = clock.Elapsed + Spacing;
            }

            // Wake at the next send, the deadline, or every 50 ms to see the caller's cancellation.
            var wait = (sent < MaxRequests ? nextSend : timeout) - clock.Elapsed;
            PhysicalAddress? reply = null;
            if (socket.Receive((int)Math.Clamp(Math.Min(wait.TotalMilliseconds, (timeout - clock.Elapsed).TotalMilliseconds), 0, 50), frame => (reply = ArpMessage.ReplyFrom(frame, target)) is not null))
            {
                return Outcome(NeighbourResult.Answered, sent, reply);
            }
        }

        return Outcome(NeighbourResult.Silent, sent);
    }

    private static async Task<NeighbourOutcome> SolicitV6Async(string name, int ifindex, byte[] mac, IPAddress target, IPAddress? source, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        NeighbourOutcome Outcome(NeighbourResult result, int requests, PhysicalAddress? reply = null, string? detail = null) =>
            new(target, name, result, clock.Elapsed.TotalMilliseconds, requests, reply, detail);

        Socket socket;
        try
        {
            socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Raw, ProtocolType.IcmpV6);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AccessDenied)
        {
            return Outcome(NeighbourResult.NotPermitted, 0, detail: "a neighbour solicitation on a raw ICMPv6 socket needs root (CAP_NET_RAW)");
        }
        catch (SocketException e)
        {
            return Outcome(NeighbourResult.LocalError, 0, detail: $"raw ICMPv6 socket: {e.Message} ({e.SocketErrorCode})");
        }

        using (socket)
        {
            try
            {
                // SO_BINDTODEVICE (socket(7)): send and hear on this link only. Hop limit 255 both ways
                // (RFC 4861 §7.1.1: a receiver drops neighbour discovery that a router could have forwarded).
                socket.SetRawSocketOption(1, 25, Encoding.ASCII.GetBytes(name));
                socket.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.MulticastTimeToLive, 255);
                socket.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.IpTimeToLive, 255);
                Datagram.EnableHopLimit(socket);
                if (source is not null)
                {
                    socket.Bind(new IPEndPoint(source.IsIPv6LinkLocal ? new IPAddress(source.GetAddressBytes(), ifindex) : source, 0));
                }
            }
            catch (SocketException e)
            {
                return Outcome(NeighbourResult.LocalError, 0, detail: $"raw ICMPv6 socket on {name}: {e.Message} ({e.SocketErrorCode})");
            }

            var destination = new IPEndPoint(NdpMessage.SolicitedNode(target, ifindex), 0);
            var request = NdpMessage.Solicit(target, mac);
            var buffer = new byte[1500];
            var sent = 0;
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            try
            {
                while (true)
                {
                    if (sent < MaxRequests)
                    {
                        await socket.SendToAsync(request, destination, deadline.Token).ConfigureAwait(false);
                        sent++;
                    }

                    // Listen until the next request is due (or, after the last, until the deadline).
                    using var window = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
                    if (sent < MaxRequests)
                    {
                        window.CancelAfter(Spacing);
                    }

                    try
                    {
                        while (true)
                        {
                            var datagram = await Datagram.ReceiveAsync(socket, buffer, window.Token).ConfigureAwait(false);
                            if (NdpMessage.AdvertisementFor(buffer.AsSpan(0, datagram.Length), target, datagram.HopLimit) is { } reply)
                            {
                                return Outcome(NeighbourResult.Answered, sent, reply);
                            }
                        }
                    }
                    catch (OperationCanceledException) when (!deadline.IsCancellationRequested)
                    {
                        // Time for the next request.
                    }
                }
            }
            catch (OperationCanceledException)
            {
                return Outcome(NeighbourResult.Silent, sent);
            }
            catch (SocketException e)
            {
                return Outcome(NeighbourResult.LocalError, sent, detail: $"send on {name}: {e.Message} ({e.SocketErrorCode})");
            }
        }
    }
}
