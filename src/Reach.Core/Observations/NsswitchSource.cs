namespace Reach.Core.Observations;

/// <summary>One source of an nsswitch.conf line (files, dns, resolve, myhostname, mdns4_minimal, ...) and the actions after it.</summary>
public sealed record NsswitchSource(string Name, IReadOnlyList<string> Actions)
{
    public override string ToString() => Actions.Count == 0 ? Name : $"{Name} [{string.Join(' ', Actions)}]";
}
