using YamlDotNet.Serialization;

namespace Reach.Serve.Config;

/// <summary>YamlDotNet's generated (static) type information for reach.yml and the web config: no reflection under NativeAOT.</summary>
[YamlStaticContext]
[YamlSerializable(typeof(YamlText))]
public sealed partial class ServeYamlContext : StaticContext
{
}
