namespace Reach.Firewall;

/// <summary>What <c>ipset save</c> held.</summary>
public sealed record IpsetDump(IReadOnlyList<IpSet> Sets, IReadOnlyList<string> Notes)
{
    public IpSet? Find(string name) => Sets.FirstOrDefault(s => s.Name == name);
}
