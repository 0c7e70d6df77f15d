using System.Net;
using Reach.Core.Text;

namespace Reach.Core.Model;

/// <summary>
/// One node of the path a report draws: this host → gateway → each router of the trace → the target.
/// <paramref name="Label"/> is the evidence that marks it (the ICMP and its sender, the silence, the rule).
/// </summary>
public sealed record PathHop(PathRole Role, string Name, IPAddress? Address, PathMark Mark, string? Label = null)
{
    /// <summary>The label as a message, for a report in another language; null: <see cref="Label"/> is said as it is.</summary>
    public Message? LabelText { get; init; }
}
