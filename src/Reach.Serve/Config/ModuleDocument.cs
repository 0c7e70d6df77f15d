using YamlDotNet.Serialization;

namespace Reach.Serve.Config;

/// <summary>One module of reach.yml as written (see <see cref="ModuleConfig"/> for what each key means).</summary>
[YamlSerializable]
public sealed class ModuleDocument
{
    public YamlText? Timeout { get; set; }

    public YamlText? Family { get; set; }

    [YamlMember(Alias = "allowed_targets")]
    public List<YamlText>? AllowedTargets { get; set; }
}
