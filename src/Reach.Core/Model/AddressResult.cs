using System.Net;
using System.Net.Sockets;
using Reach.Core.Observations;

namespace Reach.Core.Model;

/// <summary>
/// How one of the target's addresses answered, as a report tells it (reach/1 "target.addressOutcomes[]"):
/// what a probe saw, reduced to a word for scripts and a line for people, so that a report read back from
/// JSON holds the same as the one that was written.
/// </summary>
/// <param name="Outcome">One word: open, refused, icmp-error, silent, local-error, no-route, not-probed.</param>
/// <param name="Detail">The outcome in words, as evidence says it.</param>
/// <param name="IsVerdict">The address the verdict is about: the one applications try first.</param>
public sealed record AddressResult(IPAddress Address, string Outcome, string Detail, bool IsVerdict)
{
    public bool IsIPv6 => Address.AddressFamily == AddressFamily.InterNetworkV6;

    public static AddressResult From(AddressOutcome outcome) =>
        new(outcome.Address, outcome.Outcome, outcome.Describe(), outcome.Order == 0);
}
