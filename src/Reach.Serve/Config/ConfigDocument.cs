using YamlDotNet.Serialization;

namespace Reach.Serve.Config;

/// <summary>reach.yml as written: modules by name, and the checks `reach serve --schedule` runs.</summary>
[YamlSerializable]
public sealed class ConfigDocument
{
    public Dictionary<string, ModuleDocument?>? Modules { get; set; }

    public List<ScheduleDocument>? Schedule { get; set; }
}
