using System.Net;

namespace Reach.Firewall;

/// <summary>
/// One hashlimit bucket: `54 10.1.1.7:0->0.0.0.0:0 775155697582080 8246337180000000 8246337180000000`, that is
/// the seconds until it expires, the key, the credit left at its last packet, the credit cap (burst) and
/// the cost of one packet (xt_hashlimit.c, dl_seq_real_show). The credit refills only when a packet comes.
/// </summary>
public sealed record HashlimitEntry(long ExpiresInSeconds, IPAddress Source, int SourcePort, IPAddress Destination, int DestinationPort, ulong Credit, ulong CreditCap, ulong Cost, string Line);
