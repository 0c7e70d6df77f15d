using YamlDotNet.Serialization;

namespace Reach.Serve.Config;

/// <summary>exporter-toolkit's tls_server_config as written; keys it has that reach does not use are refused by the reader.</summary>
[YamlSerializable]
public sealed class TlsServerDocument
{
    [YamlMember(Alias = "cert_file")]
    public YamlText? CertFile { get; set; }

    [YamlMember(Alias = "key_file")]
    public YamlText? KeyFile { get; set; }

    [YamlMember(Alias = "client_ca_file")]
    public YamlText? ClientCaFile { get; set; }

    [YamlMember(Alias = "client_auth_type")]
    public YamlText? ClientAuthType { get; set; }

    [YamlMember(Alias = "min_version")]
    public YamlText? MinVersion { get; set; }
}
