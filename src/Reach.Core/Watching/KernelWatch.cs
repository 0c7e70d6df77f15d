namespace Reach.Core.Watching;

/// <summary>
/// What the kernel drop watch (an eBPF program on skb:kfree_skb, skb:consume_skb and
/// tcp:tcp_retransmit_synack, kept to the client's flow and this network namespace) reported while
/// `reach local --watch` ran; or why it could not run, and what the fallback counted instead.
/// </summary>
/// <param name="Error">Why the eBPF program could not be loaded or attached (not root, no BTF, lockdown, no libbpf); null when it ran.</param>
/// <param name="Events">The flow's events, in order.</param>
/// <param name="Lost">Events the ring buffer had no room for.</param>
/// <param name="HostDrops">
/// The fallback when the program could not run: skb:kfree_skb counted by reason and function in a tracefs
/// instance of reach's own. Host-wide (every namespace, every flow): a hint, never proof for this flow.
/// </param>
/// <param name="HostDropsError">Why the fallback could not count either (tracefs not mounted, not root); null when it counted or was not needed.</param>
public sealed record KernelWatch(
    string? Error,
    IReadOnlyList<KernelEvent> Events,
    long Lost,
    IReadOnlyList<KernelDropCount> HostDrops,
    string? HostDropsError)
{
    /// <summary>The watch ran: its silence means the kernel dropped none of the flow's packets.</summary>
    public bool Ran => Error is null;

    public IEnumerable<KernelEvent> Drops => Events.Where(e => e.Kind == KernelEventKind.Dropped);

    /// <summary>No watch at all (not asked for, or the protocol is not TCP).</summary>
    public static KernelWatch None(string error) => new(error, [], 0, [], null);
}
