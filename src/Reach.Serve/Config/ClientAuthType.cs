namespace Reach.Serve.Config;

/// <summary>exporter-toolkit's client_auth_type values, the names of Go's tls.ClientAuthType.</summary>
public enum ClientAuthType
{
    NoClientCert,
    RequestClientCert,
    RequireAnyClientCert,
    VerifyClientCertIfGiven,
    RequireAndVerifyClientCert,
}
