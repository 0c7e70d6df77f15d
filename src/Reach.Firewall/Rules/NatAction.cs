using System.Net;

namespace Reach.Firewall;

/// <summary>
/// DNAT, SNAT, MASQUERADE, REDIRECT: not a filtering verdict, but later rules see the translated
/// packet (a DNAT in PREROUTING changes what filter INPUT/FORWARD compares).
/// </summary>
/// <param name="Exact">true when the translation is one address and/or one port the engine can apply;
/// false for ranges, maps and MASQUERADE, after which the translated field is unknown.</param>
public sealed record NatAction(NatKind Kind, IPAddress? Address, int? Port, bool Exact, string Text) : RuleAction(Text);
