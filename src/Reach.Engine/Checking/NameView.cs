using System.Net;
using Reach.Core.Observations;

namespace Reach.Engine.Checking;

/// <summary>What the name phase found: the address the verdict is about, and the name's other addresses being probed.</summary>
/// <param name="Dns">The DNS observation; null for a literal address.</param>
/// <param name="Address">The address applications would use; null when the name gave none.</param>
internal sealed record NameView(DnsObservation? Dns, IPAddress? Address, Task<IReadOnlyList<AddressOutcome>> OtherAddresses);
