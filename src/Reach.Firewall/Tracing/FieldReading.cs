using System.Net;

namespace Reach.Firewall;

/// <summary>The value of one packet field at one point of a trace.</summary>
internal readonly record struct FieldReading(ReadingKind Kind, IPAddress? Address = null, ulong Number = 0, string? Name = null, int Protocol = 0, string? Why = null)
{
    public static FieldReading Absent { get; } = new(ReadingKind.Absent);

    public static FieldReading Unknown(string why) => new(ReadingKind.Unknown, Why: why);

    public static FieldReading Of(IPAddress address) => new(ReadingKind.Address, Address: address);

    public static FieldReading Of(ulong number, int protocol = 0) => new(ReadingKind.Number, Number: number, Protocol: protocol);

    public static FieldReading Of(string name) => new(ReadingKind.Name, Name: name);

    public bool IsKnown => Kind is ReadingKind.Address or ReadingKind.Number or ReadingKind.Name;
}
