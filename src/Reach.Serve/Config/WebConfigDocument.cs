using YamlDotNet.Serialization;

namespace Reach.Serve.Config;

/// <summary>
/// The exporter-toolkit web configuration file (prometheus/exporter-toolkit docs/web-configuration.md) as
/// written. Only its TLS part is supported: the reader refuses the other top-level keys by name rather
/// than ignore them (a basic_auth_users that silently did nothing would be a hole).
/// </summary>
[YamlSerializable]
public sealed class WebConfigDocument
{
    [YamlMember(Alias = "tls_server_config")]
    public TlsServerDocument? TlsServerConfig { get; set; }

}
