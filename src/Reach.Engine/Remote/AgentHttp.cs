using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Reach.Core.Text;

namespace Reach.Engine.Remote;

/// <summary>
/// The HTTP client that asks reach serve agents: TLS verified against the system's store, or against
/// --cacert alone (the certificate's name must still match the host asked); a client certificate when
/// given; the bearer token on every request. Built once per run, before anything is probed, so that an
/// unusable file is bad input rather than a failed remote.
/// </summary>
public static class AgentHttp
{
    public static (HttpClient Client, AuthenticationHeaderValue? Token) Create(AgentCredentials credentials, TimeSpan connectTimeout)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        AuthenticationHeaderValue? token = null;
        if (credentials.TokenFile is { } tokenFile)
        {
            string text;
            try
            {
                text = File.ReadAllText(tokenFile).Split('\n')[0].Trim();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new AgentSetupException(Message.Of("error.agent.token-file", ("file", tokenFile), ("message", e.Message)));
            }

            token = text.Length > 0 && text.All(c => c > ' ' && c <= '~')
                ? new AuthenticationHeaderValue("Bearer", text)
                : throw new AgentSetupException(Message.Of("error.agent.token-file", ("file", tokenFile), ("message", "no token on its first line")));
        }

        var ssl = new SslClientAuthenticationOptions();
        if (credentials.CaFile is { } caFile)
        {
            var cas = new X509Certificate2Collection();
            try
            {
                cas.ImportFromPemFile(caFile);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
            {
                throw new AgentSetupException(Message.Of("error.agent.cacert", ("file", caFile), ("message", e.Message)));
            }

            if (cas.Count == 0)
            {
                throw new AgentSetupException(Message.Of("error.agent.cacert", ("file", caFile), ("message", "no certificate in it")));
            }

            ssl.RemoteCertificateValidationCallback = (_, certificate, _, errors) => TrustedBy(cas, certificate, errors);
        }

        if (credentials.CertFile is { } certFile)
        {
            try
            {
                ssl.ClientCertificates = [X509Certificate2.CreateFromPemFile(certFile, credentials.KeyFile)];
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
            {
                throw new AgentSetupException(Message.Of("error.agent.cert", ("file", certFile), ("message", e.Message)));
            }
        }

        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = connectTimeout,
            SslOptions = ssl,
            // A report is a few kilobytes; the agent answers one request per remote end.
            MaxResponseHeadersLength = 16,
            AllowAutoRedirect = false,
            UseProxy = false,
        };
        return (new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan }, token);
    }

    // Only the chain is judged against the given CA; a name that does not match the host asked is still refused.
    private static bool TrustedBy(X509Certificate2Collection cas, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(cas);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}
