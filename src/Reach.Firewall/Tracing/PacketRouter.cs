using System.Net;

namespace Reach.Firewall;

/// <summary>
/// The kernel's route decision for a packet after PREROUTING (its destination possibly translated):
/// deliver it here, forward it out of an interface, or no route. Null when it is not known (yet): the
/// engine stays pure, the caller asks the kernel (<c>ip route get ADDR from SRC iif IF</c>) and traces again.
/// </summary>
public delegate RouteChoice? PacketRouter(IPAddress destination);
