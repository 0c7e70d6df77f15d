using System.Net;
using System.Text.Json;

namespace Reach.Tests.Probes;

/// <summary>A packet captured from a real socket (Fixtures/probes, see its README) and what the capture recorded beside it.</summary>
internal sealed record Captured(byte[] Bytes, JsonElement Meta)
{
    public static Captured Load(string name)
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "Fixtures", "probes");
        return new Captured(File.ReadAllBytes(Path.Combine(dir, name + ".bin")), JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, name + ".json"))).RootElement);
    }

    public IPAddress Sender => IPAddress.Parse(Meta.GetProperty("sender").GetString()!);

    public int? HopLimit => Meta.TryGetProperty("hop_limit", out var h) && h.ValueKind == JsonValueKind.Number ? h.GetInt32() : null;

    public int Int(string name) => Meta.GetProperty(name).GetInt32();

    public string Text(string name) => Meta.GetProperty(name).GetString()!;
}
