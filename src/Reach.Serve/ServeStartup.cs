using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Reach.Core.Text;
using Reach.Serve.Config;
using Reach.Serve.Policy;

namespace Reach.Serve;

/// <summary>
/// Reads and checks every file `reach serve` was given, and decides whether it may listen where it was
/// asked to. Secure by default: on loopback anything goes (only this host's users can connect); on any
/// other address it needs a way to authenticate clients (--token-file, or --web-config with verified
/// client certificates) and a reach.yml that names what may be probed.
/// </summary>
public static class ServeStartup
{
    /// <exception cref="ConfigException">A file that is invalid, naming its line.</exception>
    /// <exception cref="ServeRefusedException">A combination that is not safe, or a file that cannot be used.</exception>
    public static ServeSettings Load(ServeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = options.ConfigFile is null ? ServeConfig.Builtin : ConfigLoader.Load(options.ConfigFile);
        if (options.Schedule && config.Schedule.Count == 0)
        {
            throw new ServeRefusedException(Message.Of("error.serve.no-schedule", ("file", options.ConfigFile ?? "reach.yml")));
        }

        BearerToken? token = null;
        if (options.TokenFile is not null)
        {
            token = BearerToken.Load(options.TokenFile, out var error) ?? throw new ServeRefusedException(Message.Of("error.serve.token-file", ("reason", error!)));
        }

        WebConfig? web = null;
        X509Certificate2? certificate = null;
        X509Certificate2Collection? cas = null;
        if (options.WebConfigFile is not null)
        {
            web = WebConfigLoader.Load(options.WebConfigFile);
            try
            {
                certificate = X509Certificate2.CreateFromPemFile(web.CertFile, web.KeyFile);
                if (web.ClientCaFile is not null)
                {
                    cas = [];
                    cas.ImportFromPemFile(web.ClientCaFile);
                    if (cas.Count == 0)
                    {
                        throw new CryptographicException($"no certificate in {web.ClientCaFile}");
                    }
                }
            }
            catch (CryptographicException e)
            {
                throw new ServeRefusedException(Message.Of("error.serve.tls", ("file", options.WebConfigFile), ("reason", e.Message)));
            }
        }

        if (!System.Net.IPAddress.IsLoopback(options.Listen.Address))
        {
            if (token is null && web?.AuthenticatesClients != true)
            {
                throw new ServeRefusedException(Message.Of("error.serve.open-listener", ("address", options.Listen.ToString())));
            }

            if (options.ConfigFile is null)
            {
                throw new ServeRefusedException(Message.Of("error.serve.open-needs-config", ("address", options.Listen.ToString())));
            }
        }

        return new ServeSettings(config, token, web, certificate, cas);
    }
}
