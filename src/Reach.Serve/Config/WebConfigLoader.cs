using System.Security.Authentication;
using YamlDotNet.Core;

namespace Reach.Serve.Config;

/// <summary>Reads --web-config (exporter-toolkit's format) and checks it, naming the line of a wrong value.</summary>
public static class WebConfigLoader
{
    public static WebConfig Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(path, 0, $"cannot read it: {e.Message}");
        }

        return Parse(text, path);
    }

    public static WebConfig Parse(string text, string file)
    {
        // exporter-toolkit keys reach does not implement: refused by name and line, before the YAML
        // reader would call them unknown (a flow mapping still gets that, with its line).
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            foreach (var unsupported in (string[])["basic_auth_users", "http_server_config"])
            {
                if (lines[i].StartsWith(unsupported + ":", StringComparison.Ordinal))
                {
                    throw new ConfigException(file, i + 1, unsupported == "basic_auth_users"
                        ? "basic_auth_users is not supported by reach serve: use --token-file (a bearer token) or client certificates"
                        : "http_server_config is not supported by reach serve");
                }
            }
        }

        WebConfigDocument? doc;
        try
        {
            doc = ConfigLoader.Deserializer.Deserialize<WebConfigDocument?>(text);
        }
        catch (YamlException e)
        {
            throw new ConfigException(file, e.Start.Line, ConfigLoader.Describe(e));
        }

        var tls = doc?.TlsServerConfig ?? throw new ConfigException(file, 0, "no tls_server_config: it needs at least cert_file and key_file");
        var cert = Existing(file, tls.CertFile, "cert_file");
        var key = Existing(file, tls.KeyFile, "key_file");
        var ca = tls.ClientCaFile is null ? null : Existing(file, tls.ClientCaFile, "client_ca_file");

        // exporter-toolkit's default: RequireAndVerifyClientCert when a client CA is given, else none.
        var auth = ca is null ? ClientAuthType.NoClientCert : ClientAuthType.RequireAndVerifyClientCert;
        if (tls.ClientAuthType is { } a)
        {
            auth = Enum.TryParse<ClientAuthType>(a.Value, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(a.Value, out _)
                ? parsed
                : throw new ConfigException(file, a.Line, $"client_auth_type '{a.Value}' is not one of {string.Join(", ", Enum.GetNames<ClientAuthType>())}");
            if (auth is ClientAuthType.VerifyClientCertIfGiven or ClientAuthType.RequireAndVerifyClientCert && ca is null)
            {
                throw new ConfigException(file, a.Line, $"client_auth_type {a.Value} needs client_ca_file: the certificates are verified against it");
            }
        }

        var protocols = SslProtocols.Tls12 | SslProtocols.Tls13;
        if (tls.MinVersion is { } v)
        {
            protocols = v.Value switch
            {
                "TLS12" => SslProtocols.Tls12 | SslProtocols.Tls13,
                "TLS13" => SslProtocols.Tls13,
                _ => throw new ConfigException(file, v.Line, $"min_version '{v.Value}' is not TLS12 or TLS13 (older versions are refused)"),
            };
        }

        return new WebConfig(cert, key, ca, auth, protocols);
    }

    // Paths are relative to the web config file, as exporter-toolkit reads them.
    private static string Existing(string file, YamlText? value, string key)
    {
        if (value is null || value.Value.Trim().Length == 0)
        {
            throw new ConfigException(file, value?.Line ?? 0, $"tls_server_config needs {key}");
        }

        var path = Path.IsPathRooted(value.Value) ? value.Value : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".", value.Value);
        return File.Exists(path) ? path : throw new ConfigException(file, value.Line, $"{key} '{value.Value}' does not exist");
    }
}
