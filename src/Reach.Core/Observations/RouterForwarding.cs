using System.Net;

namespace Reach.Core.Observations;

/// <summary>
/// Whether <paramref name="Router"/>, after which everything was silent, forwards towards the target at all:
/// one SYN to an address beside the target that nobody should hold (<see cref="Decisions.ForwardingProbe"/>).
/// </summary>
/// <param name="Router">The last router that answered (its time-exceeded).</param>
/// <param name="Syn">The SYN to the address beside the target (its <see cref="TcpOutcome.Target"/>) and what answered it.</param>
public sealed record RouterForwarding(IPAddress Router, TcpOutcome Syn);
