namespace Reach.Firewall;

/// <summary>The address translations a rule can ask for.</summary>
public enum NatKind
{
    Dnat,
    Snat,
    Masquerade,
    Redirect,
    Netmap,
}
