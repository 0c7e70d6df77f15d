using System.Net;

namespace Reach.Firewall;

/// <summary>
/// Answers "would this host's firewall accept, drop or reject this packet, and which rule decided?"
/// by walking the packet through the recorded rules the way the kernel would. Pure: no I/O, no clock.
/// </summary>
public static class PacketTracer
{
    // kube-proxy's Services rarely have more than a few dozen endpoints; beyond this many branches the
    // trace reports the first ones and says so.
    private const int MaxBranches = 256;

    /// <summary>The trace (the first branch when random matches split it; see <see cref="TraceAll"/>).</summary>
    public static TraceResult Trace(Ruleset ruleset, Packet packet, PacketRouter? router = null) => TraceAll(ruleset, packet, router)[0];

    /// <summary>
    /// Every way the packet can go: random matches (statistic random, numgen random) split the walk,
    /// and each branch is traced with its probability. With a router, an incoming packet follows the
    /// route decision after PREROUTING to INPUT or to FORWARD and POSTROUTING.
    /// </summary>
    public static IReadOnlyList<TraceResult> TraceAll(Ruleset ruleset, Packet packet, PacketRouter? router = null)
    {
        ArgumentNullException.ThrowIfNull(ruleset);
        ArgumentNullException.ThrowIfNull(packet);
        if (packet.Source.AddressFamily != packet.Destination.AddressFamily)
        {
            throw new ArgumentException("The source and destination addresses are of different families.", nameof(packet));
        }

        // Depth-first over the choices: a run follows the forced prefix, then option 0 at each new
        // choice; every other option of those new choices is a run still to do.
        var results = new List<TraceResult>();
        var pending = new Stack<int[]>();
        pending.Push([]);
        while (pending.Count > 0 && results.Count < MaxBranches)
        {
            var forced = pending.Pop();
            var taken = new List<int>();
            var weights = new List<IReadOnlyList<double>>();
            int Choose(IReadOnlyList<double> options)
            {
                var pick = taken.Count < forced.Length ? forced[taken.Count] : 0;
                taken.Add(pick);
                weights.Add(options);
                return pick;
            }

            var result = new TraceWalker(ruleset, packet, router, Choose).Run();
            for (var i = taken.Count - 1; i >= forced.Length; i--)
            {
                for (var option = weights[i].Count - 1; option >= 1; option--)
                {
                    pending.Push([.. taken.Take(i), option]);
                }
            }

            var probability = 1.0;
            for (var i = 0; i < taken.Count; i++)
            {
                probability *= weights[i][taken[i]];
            }

            results.Add(result with { Probability = probability });
        }

        var count = results.Count;
        return [.. results.Select(r => r with
        {
            Branches = count,
            Notes = count == 1 ? r.Notes : [.. r.Notes, $"random matches split the walk into {count} branches{(pending.Count > 0 ? $" (only the first {MaxBranches} traced)" : string.Empty)}; this one is taken with probability {r.Probability:0.###}"],
        })];
    }

    /// <summary>
    /// The client side: would this host's own OUTPUT path (then POSTROUTING) drop or reject the first SYN
    /// of a new TCP connection to <paramref name="destination"/>:<paramref name="port"/>?
    /// </summary>
    /// <param name="source">The address the connection leaves from (the route's preferred source).</param>
    /// <param name="outInterface">The interface the route sends it out of; rules on interfaces are inconclusive without it.</param>
    public static TraceResult TraceNewTcpConnection(
        Ruleset ruleset,
        IPAddress source,
        IPAddress destination,
        int port,
        string? outInterface = null,
        IReadOnlySet<IPAddress>? localAddresses = null) =>
        Trace(ruleset, Packet.Tcp(source, destination, port, TrafficDirection.Output) with
        {
            OutInterface = outInterface,
            LocalAddresses = localAddresses,
        });
}
