using System.Net;

namespace Reach.Core.Observations;

/// <summary>One line of the routing tables (<c>ip route show table all</c>).</summary>
/// <param name="Destination">"default" or a prefix such as "10.1.1.0/24".</param>
public sealed record RouteEntry(string Destination, IPAddress? Gateway, string? Device, string? Table, IReadOnlyList<string> Flags)
{
    public bool IsDefault => Destination == "default";

    public override string ToString() =>
        $"{Destination}{(Gateway is null ? string.Empty : $" via {Gateway}")}{(Device is null ? string.Empty : $" dev {Device}")}" +
        $"{(Table is null or "main" ? string.Empty : $" table {Table}")}{(Flags.Count == 0 ? string.Empty : " " + string.Join(' ', Flags))}";
}
