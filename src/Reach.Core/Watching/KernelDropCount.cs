namespace Reach.Core.Watching;

/// <summary>How many packets the kernel dropped for one reason at one place, host-wide (the tracefs fallback).</summary>
/// <param name="Reason">The reason as the tracepoint prints it: NETFILTER_DROP, NO_SOCKET, …</param>
/// <param name="Function">The function that dropped them, as the tracepoint prints the location (nft_do_chain).</param>
public sealed record KernelDropCount(string Reason, string Function, int Count);
