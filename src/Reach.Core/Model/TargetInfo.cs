using System.Net;

namespace Reach.Core.Model;

/// <summary>What was asked (<paramref name="Input"/>) and what it turned into.</summary>
/// <param name="Addresses">Every address of the target, in the order applications try them (the first is the one the verdict is about).</param>
public sealed record TargetInfo(string Input, string Host, int? Port, IReadOnlyList<IPAddress> Addresses)
{
    /// <summary>How each probed address answered, in <see cref="Addresses"/>' order (empty when only one was probed and nothing else is known).</summary>
    public IReadOnlyList<AddressResult> AddressOutcomes { get; init; } = [];
}
