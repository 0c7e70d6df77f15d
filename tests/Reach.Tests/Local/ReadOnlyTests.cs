using System.Net;
using Reach.Readers;
using Reach.Readers.Parsing;
using Xunit;

namespace Reach.Tests.Local;

/// <summary>Reading must not load a kernel module: a netlink question to an absent subsystem would.</summary>
public sealed class ReadOnlyTests
{
    private const string Modules = "ip_tables 36864 0 - Live 0x0\nx_tables 53248 1 ip_tables, Live 0x0\n";

    [Fact]
    public async Task Absent_nf_tables_is_not_asked_and_is_said_to_hold_no_rules()
    {
        var system = new FakeSystem(new() { ["/proc/modules"] = Modules, ["/proc/sys/kernel/osrelease"] = "6.1.0-13-amd64\n" });

        var rules = await new FirewallReader(system).ReadAsync(CancellationToken.None);

        Assert.DoesNotContain(system.Ran, c => c.StartsWith("nft", StringComparison.Ordinal) || c.StartsWith("iptables-save", StringComparison.Ordinal) || c.StartsWith("ipset", StringComparison.Ordinal));
        Assert.Contains(rules.Absent, a => a.Contains("nf_tables is not loaded", StringComparison.Ordinal));
        Assert.True(rules.Traceable);
    }

    [Fact]
    public void Loaded_builtin_or_moduleless_kernels_may_be_asked()
    {
        Assert.True(new KernelModules(new FakeSystem(new() { ["/proc/modules"] = "nf_tables 1 0 - Live 0x0\n" })).MayAsk("nf_tables"));
        Assert.True(new KernelModules(new FakeSystem(new() { ["/proc/modules"] = Modules, ["/sys/module/nf_tables/refcnt"] = "0" })).MayAsk("nf_tables"));
        Assert.True(new KernelModules(new FakeSystem(new()
        {
            ["/proc/modules"] = Modules,
            ["/proc/sys/kernel/osrelease"] = "6.1.0\n",
            ["/lib/modules/6.1.0/modules.builtin"] = "kernel/net/netfilter/nf_tables.ko\n",
        })).MayAsk("nf_tables"));
        Assert.True(new KernelModules(new FakeSystem(new())).MayAsk("nf_tables"));
        Assert.False(new KernelModules(new FakeSystem(new() { ["/proc/modules"] = Modules })).MayAsk("inet_diag"));
    }

    [Fact]
    public async Task Without_sock_diag_listeners_come_from_proc_net_with_owner_and_v6only_unknown()
    {
        string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "iproute2", name));
        var system = new FakeSystem(new()
        {
            ["/proc/modules"] = Modules,
            ["/proc/net/tcp"] = Fixture("proc-net-tcp.txt"),
            ["/proc/net/tcp6"] = Fixture("proc-net-tcp6.txt"),
            ["/proc/net/udp"] = Fixture("proc-net-udp.txt"),
        });

        var listeners = await new SystemReader(system).ListenersAsync(CancellationToken.None);

        Assert.Empty(system.Ran);
        Assert.Contains(listeners, l => l.Protocol == "tcp" && l.Address.Equals(IPAddress.Any) && l.Port == 80 && l.Process is null);
        Assert.Contains(listeners, l => l.Address.Equals(IPAddress.IPv6Any) && l.Port == 80 && l.V6Only is null);
    }

    [Theory]
    [InlineData("0100007F:0050", "127.0.0.1", 80)]
    [InlineData("00000000:0035", "0.0.0.0", 53)]
    [InlineData("00000000000000000000000001000000:1F90", "::1", 8080)]
    public void Proc_net_addresses_are_host_order_words(string text, string address, int port)
    {
        Assert.True(ProcNetParser.TryEndpoint(text, out var a, out var p));
        Assert.Equal(IPAddress.Parse(address), a);
        Assert.Equal(port, p);
    }
}
