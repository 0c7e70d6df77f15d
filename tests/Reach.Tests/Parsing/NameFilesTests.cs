using System.Net;
using Reach.Core.Observations;
using Reach.Readers;
using Reach.Readers.Parsing;
using Xunit;

namespace Reach.Tests.Parsing;

/// <summary>The resolver's own path: nsswitch.conf, resolv.conf options, and who serves a loopback nameserver.</summary>
public sealed class NameFilesTests
{
    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "names", name));

    [Fact]
    public void Debian_nsswitch_asks_files_then_dns()
    {
        var hosts = NsswitchParser.Parse(Fixture("nsswitch-debian12.conf"), "/etc/nsswitch.conf");

        Assert.Equal(["files", "dns"], hosts.Sources.Select(s => s.Name));
        Assert.True(hosts.AsksDns);
        Assert.Null(hosts.StopsBeforeDns("printer.local"));
    }

    [Fact]
    public void Mdns_minimal_with_notfound_return_stops_local_names_before_dns()
    {
        // Ubuntu's default hosts line with libnss-mdns installed (its postinst writes it).
        var hosts = NsswitchParser.Parse("hosts:          files mdns4_minimal [NOTFOUND=return] dns myhostname\n", "/etc/nsswitch.conf");

        Assert.Equal(["NOTFOUND=return"], hosts.Sources[1].Actions);
        Assert.Equal("mdns4_minimal", hosts.StopsBeforeDns("printer.local")?.Name);
        Assert.Null(hosts.StopsBeforeDns("web1.example.net"));
    }

    [Fact]
    public void Nsswitch_without_dns_does_not_ask_dns_and_a_missing_file_means_glibcs_default()
    {
        Assert.False(NsswitchParser.Parse("passwd: files\nhosts: files\n", "/etc/nsswitch.conf").AsksDns);
        Assert.True(NsswitchParser.Parse(null, "/etc/nsswitch.conf").AsksDns);
    }

    [Fact]
    public void Resolv_conf_options_rotate_timeout_and_attempts()
    {
        var r = ResolvConfParser.Parse("nameserver 10.1.1.3\noptions rotate timeout:1 attempts:3 ndots:2\n", "/etc/resolv.conf");

        Assert.True(r.Rotate);
        Assert.Equal(1, r.TimeoutSeconds);
        Assert.Equal(3, r.Attempts);
        Assert.Equal(2, r.Ndots);
    }

    [Fact]
    public void Unreadable_resolv_conf_is_unreadable_not_empty()
    {
        var system = new FakeSystem(new Dictionary<string, string> { ["/etc/resolv.conf"] = null! });

        var r = new ResolverReader(system).Resolver();

        Assert.NotNull(r.Unreadable);
        Assert.Contains("/etc/resolv.conf", r.Unreadable, StringComparison.Ordinal);
    }

    [Fact]
    public void Dnsmasq_on_loopback_is_found_with_the_upstream_of_its_command_line()
    {
        // Captured in the lab with the forwarder-dead-upstream fault: ss -H -l -n -t -u -p -e and /proc/PID/cmdline.
        var listeners = SsParser.Parse(Fixture("ss-dev1-forwarder.txt"));
        var system = new FakeSystem(new Dictionary<string, string> { ["/proc/29858/cmdline"] = Fixture("dnsmasq-forwarder.cmdline") });

        var f = new ResolverReader(system).Forwarder(IPAddress.Loopback, listeners);

        Assert.True(f.Listening);
        Assert.Equal("dnsmasq", f.Service);
        Assert.Equal(29858, f.Pid);
        Assert.Equal([IPAddress.Parse("10.1.1.4")], f.Upstreams);
        Assert.Equal("dnsmasq's command line", f.UpstreamSource);
    }

    [Fact]
    public void Nothing_on_the_resolved_stub_names_systemd_resolved_and_its_upstreams()
    {
        var system = new FakeSystem(new Dictionary<string, string> { ["/run/systemd/resolve/resolv.conf"] = "nameserver 10.1.1.3\nsearch example.net\n" });

        var f = new ResolverReader(system).Forwarder(IPAddress.Parse("127.0.0.53"), []);

        Assert.False(f.Listening);
        Assert.Equal("systemd-resolved", f.Service);
        Assert.Equal([IPAddress.Parse("10.1.1.3")], f.Upstreams);
    }

    [Fact]
    public void Dnsmasq_server_forms_keep_the_address()
    {
        var servers = ForwarderConfigParser.Dnsmasq(["server=/example.net/10.0.0.1", "--server=10.0.0.2#5353", "server=10.0.0.3@eth0", "no-resolv"]);

        Assert.Equal(["10.0.0.1", "10.0.0.2", "10.0.0.3"], servers.Select(s => s.ToString()));
    }
}
