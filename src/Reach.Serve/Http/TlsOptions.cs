using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Reach.Serve.Config;

namespace Reach.Serve.Http;

/// <summary>
/// Kestrel's TLS from --web-config, with exporter-toolkit's meanings of client_auth_type (Go's
/// tls.ClientAuthType): certificates are verified against client_ca_file alone, not the system's
/// store. The certificate and CAs are taken from the settings in force at each handshake, so a
/// reload picks up renewed files.
/// </summary>
internal static class TlsOptions
{
    public static HttpsConnectionAdapterOptions Create(ServeState state)
    {
        var auth = state.Current.Web!.ClientAuth;
        return new HttpsConnectionAdapterOptions
        {
            SslProtocols = state.Current.Web.Protocols,
            ServerCertificateSelector = (_, _) => state.Current.Certificate,
            ClientCertificateMode = auth switch
            {
                ClientAuthType.NoClientCert => ClientCertificateMode.NoCertificate,
                ClientAuthType.RequestClientCert or ClientAuthType.VerifyClientCertIfGiven => ClientCertificateMode.AllowCertificate,
                _ => ClientCertificateMode.RequireCertificate,
            },
            ClientCertificateValidation = (certificate, _, _) => Accepts(state.Current, auth, certificate),
        };
    }

    private static bool Accepts(ServeSettings settings, ClientAuthType auth, X509Certificate2? certificate)
    {
        if (auth is ClientAuthType.RequestClientCert or ClientAuthType.RequireAnyClientCert || certificate is null)
        {
            // Kestrel asks only when a certificate was sent; requiring one is ClientCertificateMode's job.
            return true;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(settings.ClientCas ?? []);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        // Go checks ExtKeyUsageClientAuth: a certificate whose extended key usage excludes client authentication is refused.
        chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.2"));
        return chain.Build(certificate);
    }
}
