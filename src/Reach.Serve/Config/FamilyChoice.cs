namespace Reach.Serve.Config;

/// <summary>Which addresses a module may probe: any, or only one family (a name must then resolve to that family only).</summary>
public enum FamilyChoice
{
    Any,
    IPv4,
    IPv6,
}
