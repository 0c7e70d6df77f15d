using Reach.Core.Model;

namespace Reach.Core.Diagnosis;

/// <summary>
/// Which finding outranks which, in one place. Every command's verdict, the checks that stand aside for a
/// lower failure, the choice among the places one packet is delivered, and the join of two ends follow
/// these rules; the assessors only decide what each layer saw. Pure: no I/O, no clock.
/// </summary>
public static class Precedence
{
    /// <summary>
    /// The layers in the order a root cause is sought: the lowest failing layer explains the failures above
    /// it (no link means no gateway, no DNS and no port). This host's own rules and routes (<see cref="Layer.Local"/>)
    /// sit below the gateway: they stop a packet before it leaves. On the server end, the listener comes before
    /// the firewall, which only outranks it by answering first (<see cref="ListenerBehindFirewall"/>).
    /// </summary>
    public static IReadOnlyList<Layer> Layers { get; } =
        [Layer.Link, Layer.Interface, Layer.Local, Layer.Gateway, Layer.Dns, Layer.Route, Layer.Port, Layer.Listener, Layer.Firewall];

    /// <summary>A layer's place in <see cref="Layers"/>: lower outranks higher.</summary>
    public static int Rank(Layer layer) => Ranks[(int)layer];

    /// <summary>
    /// The failing findings, the root cause first: by layer (<see cref="Layers"/>), and within one layer in
    /// the order the checks gave them.
    /// </summary>
    public static IReadOnlyList<Finding> Failing(IEnumerable<Finding> findings) =>
        findings.Where(f => f.Status == CheckStatus.Fail).OrderBy(f => Rank(f.Layer)).ToList();

    /// <summary>
    /// The finding the verdict is about: the root failure; with none, the lowest check that could not decide
    /// (the verdict is then inconclusive: never ok while evidence is missing); with neither, none (ok).
    /// Warnings, skips and passes never make a verdict.
    /// </summary>
    public static Finding? Root(IEnumerable<Finding> findings)
    {
        var all = findings.ToList();
        return Failing(all).FirstOrDefault()
            ?? all.Where(f => f.Status == CheckStatus.Inconclusive).OrderBy(f => Rank(f.Layer)).FirstOrDefault();
    }

    /// <summary>
    /// The server's kernel said why it dropped this very flow's packets (the drop watch of `--watch`): the
    /// failing finding that carries that proof outranks the lowest failing layer, because it is what kills
    /// the connection now (a missing listener behind a DROP rule is not why the SYNs die). Null when the
    /// kernel proved nothing.
    /// </summary>
    public static Finding? KernelProven(IEnumerable<Finding> findings, Code? proven) =>
        proven is null ? null : findings.FirstOrDefault(f => f.Code == proven && f.Status == CheckStatus.Fail);

    /// <summary>
    /// Whether the failures below leave a client-side check nothing to judge (it is skipped): the gateway
    /// stands aside for a link or interface failure, the route for those and a gateway failure. The port
    /// stands aside when the route failed or could not be checked, except for a router's prohibition: the
    /// port finding then still says what the SYN itself got.
    /// </summary>
    public static bool HiddenBelow(Layer layer, IEnumerable<Finding> below) => layer switch
    {
        Layer.Gateway => below.Any(f => f.Status == CheckStatus.Fail && f.Layer is Layer.Link or Layer.Interface),
        Layer.Route => below.Any(f => f.Status == CheckStatus.Fail && f.Layer is Layer.Link or Layer.Interface or Layer.Gateway),
        Layer.Port => below.Any(f => f.Layer == Layer.Route && f.Status is CheckStatus.Fail or CheckStatus.Skip && f.Code != Codes.RouteProhibited),
        _ => false,
    };

    /// <summary>
    /// This host's own verdict on its packet: a refusing route outranks its OUTPUT rules (the route is
    /// decided first, and a packet without one never reaches the filter).
    /// </summary>
    public static Finding? OwnHost(Finding? route, Finding? firewall) => route ?? firewall;

    /// <summary>This host's own routing refusal: no gateway and no router ever see the packet, so neither is judged.</summary>
    public static bool OwnRoutingRefuses(Finding? ownHost) => ownHost?.Code == Codes.LocalRoute;

    /// <summary>
    /// Among one check's findings for the several places a packet is delivered (the backends of a DNAT):
    /// a failure first, then an undecided one, then a warning; else the first place's.
    /// </summary>
    public static T Worst<T>(IReadOnlyList<T> places, Func<T, CheckStatus> status)
    {
        ArgumentNullException.ThrowIfNull(places);
        ArgumentNullException.ThrowIfNull(status);
        foreach (var wanted in PlaceOrder)
        {
            foreach (var place in places)
            {
                if (status(place) == wanted)
                {
                    return place;
                }
            }
        }

        return places[0];
    }

    /// <summary>
    /// A listener's status once what lies before it is known: when the firewall stops every packet (or a full
    /// conntrack table drops every new connection), that is what the client meets, not the socket layer's
    /// RST, so a missing listener is only a warning.
    /// </summary>
    public static CheckStatus ListenerBehindFirewall(CheckStatus listener, bool everyPacketStoppedBefore) =>
        listener == CheckStatus.Fail && everyPacketStoppedBefore ? CheckStatus.Warn : listener;

    /// <summary>
    /// The server end's verdicts that prove a cause this host can only guess at: nothing listens, only
    /// loopback or the other family does, its firewall drops or rejects, it has no route back. The server's own
    /// state that drops the client's packets (a full accept queue or conntrack table, a rate limit, the
    /// reverse-path filter) is as much a proof as a rule or a socket: the client sees silence for all.
    /// </summary>
    public static IReadOnlyList<Code> ServerProofs { get; } =
    [
        Codes.ListenerNone, Codes.ListenerLoopbackOnly, Codes.ListenerWrongFamily, Codes.ListenerOverflow,
        Codes.FirewallDrop, Codes.FirewallReject, Codes.FirewallConntrackFull, Codes.FirewallRateLimited,
        Codes.RouteNoReturn, Codes.RouteRpFilter,
    ];

    /// <summary>
    /// Which verdict the join of this host's and the server end's keeps. A verdict at a lower layer (link,
    /// interface, this host's own rules, gateway, DNS) stands: the packets never got far. One that rests on
    /// the far side (route or port layer, or inconclusive) gives way to a server verdict that proves a cause
    /// there; and when the server saw none of the SYNs, a silence (port.filtered, route.unreachable or
    /// inconclusive) becomes a loss on the path.
    /// </summary>
    public static JoinWinner Join(Code local, Layer? localLayer, Code server, bool serverSawNoSyn)
    {
        var farSide = local == Codes.Inconclusive || localLayer is Layer.Route or Layer.Port;
        if (!farSide)
        {
            return JoinWinner.Local;
        }

        if (ServerProofs.Contains(server))
        {
            return JoinWinner.Server;
        }

        return serverSawNoSyn && (local == Codes.PortFiltered || local == Codes.RouteUnreachable || local == Codes.Inconclusive)
            ? JoinWinner.LossOnPath
            : JoinWinner.Local;
    }

    private static readonly CheckStatus[] PlaceOrder = [CheckStatus.Fail, CheckStatus.Inconclusive, CheckStatus.Warn];

    private static readonly int[] Ranks = RanksOf(Layers);

    private static int[] RanksOf(IReadOnlyList<Layer> order)
    {
        var ranks = new int[Enum.GetValues<Layer>().Length];
        for (var i = 0; i < order.Count; i++)
        {
            ranks[(int)order[i]] = i;
        }

        return ranks;
    }
}
