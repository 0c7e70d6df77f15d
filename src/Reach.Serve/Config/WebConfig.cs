namespace Reach.Serve.Config;

/// <summary>The TLS of --web-config, checked: files that exist, and how client certificates are asked for.</summary>
public sealed record WebConfig(string CertFile, string KeyFile, string? ClientCaFile, ClientAuthType ClientAuth, System.Security.Authentication.SslProtocols Protocols)
{
    /// <summary>Only a verified client certificate authenticates the client: the alternative to a bearer token on an open listener.</summary>
    public bool AuthenticatesClients => ClientAuth == ClientAuthType.RequireAndVerifyClientCert && ClientCaFile is not null;
}
