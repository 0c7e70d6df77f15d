using System.Net;

namespace Reach.Core.Model;

/// <summary>What was asked (<paramref name="Input"/>) and what it turned into.</summary>
public sealed record TargetInfo(string Input, string Host, int? Port, IReadOnlyList<IPAddress> Addresses);
