using System.Net;

namespace Reach.Core.Observations;

/// <summary>One line of /etc/hosts: an address and the names it gives.</summary>
public sealed record HostsEntry(IPAddress Address, IReadOnlyList<string> Names);
