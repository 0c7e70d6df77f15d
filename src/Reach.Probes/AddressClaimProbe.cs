using System.Diagnostics;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Reach.Core.Observations;

namespace Reach.Probes;

/// <summary>
/// Who answers for an address on this link, asked as `arping -D` asks it: ARP probes from 0.0.0.0 (RFC 5227
/// §2.1.1), which every host holding the address answers and which change no host's neighbour table, since
/// the sender is nobody. Both answers of a duplicate come within a round trip of each other; an impostor
/// that only announces itself now and then (gratuitous ARP) is heard for as long as the rest of the check
/// runs, so the listening costs a healthy check nothing beyond <see cref="MinWindow"/>. Frames from this
/// host's own interfaces (a second NIC on the same LAN answers too) never count.
/// </summary>
public static class AddressClaimProbe
{
    /// <summary>Two probes this far apart: one ARP frame can be lost.</summary>
    public static readonly TimeSpan Spacing = TimeSpan.FromMilliseconds(10);

    /// <summary>Listening lasts at least this long after the first probe: a LAN host answers ARP within a millisecond or two.</summary>
    public static readonly TimeSpan MinWindow = TimeSpan.FromMilliseconds(25);

    /// <param name="addresses">IPv4 addresses on this link: the gateway, this host's own address.</param>
    /// <param name="enough">Signalled when the rest of the check is done: listening stops then (after <see cref="MinWindow"/>).</param>
    /// <param name="maxWindow">Listening never lasts longer.</param>
    public static Task<AddressClaims> ListenAsync(string interfaceName, IReadOnlyList<IPAddress> addresses, TimeSpan maxWindow, CancellationToken enough, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(interfaceName);
        ArgumentNullException.ThrowIfNull(addresses);
        var asked = addresses.Where(a => a.AddressFamily == AddressFamily.InterNetwork).Distinct().ToList();
        if (NeighbourSolicit.ReadLink(interfaceName, out var ifindex, out var mac) is { } error)
        {
            return Task.FromResult(new AddressClaims(interfaceName, NeighbourResult.LocalError, [], 0, 0, error));
        }

        return Task.Run(() => Listen(interfaceName, ifindex, mac, asked, maxWindow, enough, cancellationToken), CancellationToken.None);
    }

    private static AddressClaims Listen(string name, int ifindex, byte[] mac, List<IPAddress> asked, TimeSpan maxWindow, CancellationToken enough, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var owners = asked.ToDictionary(a => a, _ => new List<PhysicalAddress>());
        AddressClaims Claims(NeighbourResult result, int requests, string? detail = null) =>
            new(name, result, [.. owners.Select(o => new AddressClaim(o.Key, o.Value))], clock.Elapsed.TotalMilliseconds, requests, detail);

        using var socket = ArpSocket.Open(name, ifindex, out var failure, out var why);
        if (socket is null)
        {
            return Claims(failure, 0, why);
        }

        var own = OwnMacs();
        own.Add(new PhysicalAddress(mac));
        var probes = asked.Select(a => ArpMessage.WhoHas(mac, IPAddress.Any, a)).ToList();
        var requests = 0;
        for (var round = 0; round < 2; round++)
        {
            foreach (var probe in probes)
            {
                if (socket.Broadcast(probe) is { } error)
                {
                    return Claims(NeighbourResult.LocalError, requests, $"send on {name}: {error}");
                }

                requests++;
            }

            Hear(socket, own, owners, (int)Spacing.TotalMilliseconds);
        }

        while (!cancellationToken.IsCancellationRequested && clock.Elapsed < maxWindow && (clock.Elapsed < MinWindow || !enough.IsCancellationRequested))
        {
            // Wake every 2 ms to see whether the check is done: the check waits for this listening at its end.
            Hear(socket, own, owners, 2);
        }

        return Claims(NeighbourResult.Answered, requests);
    }

    /// <summary>Every ARP frame of the next <paramref name="waitMs"/> whose sender is an asked address and not this host.</summary>
    private static void Hear(ArpSocket socket, HashSet<PhysicalAddress> own, Dictionary<IPAddress, List<PhysicalAddress>> owners, int waitMs)
    {
        var until = Stopwatch.GetTimestamp() + (long)(waitMs * (Stopwatch.Frequency / 1000.0));
        while (Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), until) is var left && left > TimeSpan.Zero)
        {
            socket.Receive((int)Math.Ceiling(left.TotalMilliseconds), frame =>
            {
                if (ArpMessage.SenderOf(frame) is { } sender && !own.Contains(sender.Mac)
                    && owners.TryGetValue(sender.Address, out var macs) && !macs.Contains(sender.Mac))
                {
                    macs.Add(sender.Mac);
                }

                return false;
            });
        }
    }

    /// <summary>The MACs of this host's interfaces (this namespace's /sys/class/net): their answers are ours, not a duplicate's.</summary>
    private static HashSet<PhysicalAddress> OwnMacs()
    {
        var macs = new HashSet<PhysicalAddress>();
        try
        {
            foreach (var dir in Directory.EnumerateDirectories("/sys/class/net"))
            {
                if (File.ReadAllText(Path.Combine(dir, "address")).Trim() is { Length: 17 } text
                    && PhysicalAddress.TryParse(text.Replace(':', '-'), out var mac))
                {
                    macs.Add(mac);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Without the list, the interface's own MAC (added by the caller) still counts as ours.
        }

        return macs;
    }
}
