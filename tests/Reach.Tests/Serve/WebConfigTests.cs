using Reach.Serve.Config;
using Xunit;

namespace Reach.Tests.Serve;

public sealed class WebConfigTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("reach-webconfig-").FullName;

    public WebConfigTests()
    {
        foreach (var f in new[] { "server.crt", "server.key", "ca.crt" })
        {
            File.WriteAllText(Path.Combine(dir, f), "placeholder: only the paths are checked here\n");
        }
    }

    private string File1 => Path.Combine(dir, "web.yml");

    [Fact]
    public void The_exporter_toolkit_format_is_read_with_paths_relative_to_the_file()
    {
        var web = WebConfigLoader.Parse("tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n  client_ca_file: ca.crt\n  client_auth_type: RequireAndVerifyClientCert\n", File1);

        Assert.Equal(Path.Combine(dir, "server.crt"), web.CertFile);
        Assert.Equal(Path.Combine(dir, "ca.crt"), web.ClientCaFile);
        Assert.Equal(ClientAuthType.RequireAndVerifyClientCert, web.ClientAuth);
        Assert.True(web.AuthenticatesClients);
    }

    [Fact]
    public void Without_a_client_CA_clients_are_not_authenticated()
    {
        var web = WebConfigLoader.Parse("tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n", File1);

        Assert.Equal(ClientAuthType.NoClientCert, web.ClientAuth);
        Assert.False(web.AuthenticatesClients);
    }

    [Theory]
    [InlineData("tls_server_config:\n  cert_file: server.crt\n  key_file: missing.key\n", 3, "key_file 'missing.key' does not exist")]
    [InlineData("tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n  client_auth_type: RequireAndVerify\n", 4, "client_auth_type 'RequireAndVerify'")]
    [InlineData("tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n  client_auth_type: RequireAndVerifyClientCert\n", 4, "needs client_ca_file")]
    [InlineData("tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n  min_version: TLS10\n", 4, "min_version 'TLS10'")]
    [InlineData("tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\nbasic_auth_users:\n  alice: $2y$10$abc\n", 4, "basic_auth_users is not supported")]
    [InlineData("tls_server_config:\n  cert_file: server.crt\n  keyfile: server.key\n", 3, "keyfile")]
    public void A_wrong_value_is_named_by_its_line(string yaml, long line, string problem)
    {
        var e = Assert.Throws<ConfigException>(() => WebConfigLoader.Parse(yaml, File1));

        Assert.Equal(line, e.Line);
        Assert.Contains(problem, e.Problem, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(dir, true);
}
