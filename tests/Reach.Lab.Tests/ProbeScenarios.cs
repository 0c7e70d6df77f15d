using Xunit;

namespace Reach.Lab.Tests;

/// <summary>
/// The low-level probes against real faults in the probe network (probe-net.sh): a live and a silenced
/// neighbour, a narrow link whose router announces its MTU or drops its own "fragmentation needed", and
/// RSTs sent by the target, forged by a router and forged by this host's own OUTPUT rule.
/// </summary>
public sealed class ProbeScenarios(ProbeNet net) : IClassFixture<ProbeNet>
{
    // Touch the fixture so that it is clearly what builds the network for these tests.
    private readonly ProbeNet _net = net;

    private static string Mac(string host, string iface) =>
        ProbeNet.Exec(host, "cat", $"/sys/class/net/{iface}/address").Trim().Replace(":", string.Empty, StringComparison.Ordinal).ToUpperInvariant();

    [LabFact]
    public void A_fresh_arp_request_is_answered_by_the_live_router_and_leaves_our_neighbour_table_alone()
    {
        Assert.NotNull(_net);
        ProbeNet.Exec("a", "ip", "neigh", "flush", "dev", "pv1-a");

        var arp = ProbeNet.Probe("a", "neigh", "pv1-a", "10.77.1.1", "source=10.77.1.2");

        Assert.Equal("Answered", arp["result"]);
        Assert.Equal(Mac("r1", "pv1-r1"), arp["mac"]);
        Assert.Equal(string.Empty, ProbeNet.Exec("a", "ip", "neigh", "show", "10.77.1.1").Trim());
    }

    [LabFact]
    public void A_router_that_stopped_answering_arp_is_silent_to_three_fresh_requests()
    {
        ProbeNet.Exec("r1", "nft", "add table arp probe-dead; add chain arp probe-dead in { type filter hook input priority 0; policy drop; }");
        try
        {
            var arp = ProbeNet.Probe("a", "neigh", "pv1-a", "10.77.1.1", "source=10.77.1.2", "timeout=1000");

            Assert.Equal("Silent", arp["result"]);
            Assert.Equal("3", arp["requests"]);
        }
        finally
        {
            ProbeNet.Exec("r1", "nft", "delete table arp probe-dead");
        }
    }

    [LabFact]
    public void A_neighbour_solicitation_is_answered_for_a_global_and_a_link_local_address()
    {
        var linkLocal = ProbeNet.Exec("r1", "ip", "-6", "-br", "addr", "show", "dev", "pv1-r1", "scope", "link").Split(' ', StringSplitOptions.RemoveEmptyEntries)[2].Split('/')[0];

        var global = ProbeNet.Probe("a", "neigh", "pv1-a", "fd77:1::1");
        var local = ProbeNet.Probe("a", "neigh", "pv1-a", linkLocal);

        Assert.Equal("Answered", global["result"]);
        Assert.Equal(Mac("r1", "pv1-r1"), global["mac"]);
        Assert.Equal("Answered", local["result"]);
    }

    [LabFact]
    public void A_router_that_drops_neighbour_solicitations_is_silent()
    {
        ProbeNet.Exec("r1", "nft", "add table ip6 probe-dead; add chain ip6 probe-dead in { type filter hook input priority 0; icmpv6 type nd-neighbor-solicit drop; }");
        try
        {
            var ns = ProbeNet.Probe("a", "neigh", "pv1-a", "fd77:1::1", "timeout=1000");

            Assert.Equal("Silent", ns["result"]);
        }
        finally
        {
            ProbeNet.Exec("r1", "nft", "delete table ip6 probe-dead");
        }
    }

    [LabFact]
    public void A_path_without_a_narrow_link_fits_the_egress_mtu()
    {
        var pmtu = ProbeNet.Probe("a", "pmtu", "10.77.1.1", "1500", "timeout=3000");

        Assert.Equal("Fits", pmtu["result"]);
        Assert.Equal("1500", pmtu["path_mtu"]);
    }

    [LabFact]
    public void A_router_that_announces_its_mtu_makes_pmtu_discovery_work()
    {
        var v4 = ProbeNet.Probe("a", "pmtu", "10.77.3.2", "1500", "timeout=3000");
        var v6 = ProbeNet.Probe("a", "pmtu", "fd77:3::2", "1500", "timeout=3000");

        Assert.Equal(("Announced", "1400", "10.77.1.1"), (v4["result"], v4["path_mtu"], v4["announced_by"]));
        Assert.Equal(("Announced", "1400", "fd77:1::1"), (v6["result"], v6["path_mtu"], v6["announced_by"]));
    }

    [LabFact]
    public void A_router_that_drops_its_own_fragmentation_needed_is_a_black_hole_right_after_it()
    {
        ProbeNet.Exec("r1", "iptables", "-A", "OUTPUT", "-p", "icmp", "--icmp-type", "fragmentation-needed", "-j", "DROP");
        ProbeNet.Exec("r1", "ip6tables", "-A", "OUTPUT", "-p", "icmpv6", "--icmpv6-type", "packet-too-big", "-j", "DROP");
        try
        {
            var v4 = ProbeNet.Probe("a", "pmtu", "10.77.3.2", "1500", "timeout=5000");
            var v6 = ProbeNet.Probe("a", "pmtu", "fd77:3::2", "1500", "timeout=5000");

            Assert.Equal(("BlackHole", "1400", "10.77.1.1", "1"), (v4["result"], v4["path_mtu"], v4["last_big_hop"], v4["last_big_hop_ttl"]));
            Assert.Equal(("BlackHole", "1400", "fd77:1::1", "1"), (v6["result"], v6["path_mtu"], v6["last_big_hop"], v6["last_big_hop_ttl"]));
        }
        finally
        {
            ProbeNet.Exec("r1", "iptables", "-D", "OUTPUT", "-p", "icmp", "--icmp-type", "fragmentation-needed", "-j", "DROP");
            ProbeNet.Exec("r1", "ip6tables", "-D", "OUTPUT", "-p", "icmpv6", "--icmpv6-type", "packet-too-big", "-j", "DROP");
        }
    }

    [LabFact]
    public void The_ttl_of_a_tcp_answer_tells_the_target_from_a_router_and_from_this_host()
    {
        using var listener = ProbeNet.Start("b", "python3", "-m", "http.server", "--bind", "::", "8080");
        ProbeNet.Exec("r1", "iptables", "-I", "FORWARD", "-p", "tcp", "--dport", "82", "-j", "REJECT", "--reject-with", "tcp-reset");
        ProbeNet.Exec("a", "iptables", "-I", "OUTPUT", "-p", "tcp", "--dport", "83", "-j", "REJECT", "--reject-with", "tcp-reset");
        try
        {
            IReadOnlyDictionary<string, string> open;
            var tries = 0;
            do
            {
                Thread.Sleep(200); // the listener starting up
                open = ProbeNet.Probe("a", "tcp", "10.77.3.2", "8080");
            }
            while (open["result"] != "Open" && ++tries < 25);

            var closed = ProbeNet.Probe("a", "tcp", "10.77.3.2", "81");
            var closedV6 = ProbeNet.Probe("a", "tcp", "fd77:3::2", "81");
            var byRouter = ProbeNet.Probe("a", "tcp", "10.77.3.2", "82");
            var byUs = ProbeNet.Probe("a", "tcp", "10.77.3.2", "83");

            // b is two routers away: its answers arrive with 64 - 2; r1's forged RST and our own with 64.
            Assert.Equal(("Open", "62"), (open["result"], open["answer_ttl"]));
            Assert.Equal(("Reset", "62"), (closed["result"], closed["answer_ttl"]));
            Assert.Equal(("Reset", "62"), (closedV6["result"], closedV6["answer_ttl"]));
            Assert.Equal(("Reset", "64"), (byRouter["result"], byRouter["answer_ttl"]));
            Assert.Equal(("Reset", "64"), (byUs["result"], byUs["answer_ttl"]));
        }
        finally
        {
            listener.Kill();
            ProbeNet.Exec("r1", "iptables", "-D", "FORWARD", "-p", "tcp", "--dport", "82", "-j", "REJECT", "--reject-with", "tcp-reset");
            ProbeNet.Exec("a", "iptables", "-D", "OUTPUT", "-p", "tcp", "--dport", "83", "-j", "REJECT", "--reject-with", "tcp-reset");
        }
    }

    [LabFact]
    public void Without_root_each_probe_says_it_needs_cap_net_raw()
    {
        var arp = ProbeNet.ProbeAsNobody("a", "neigh", "pv1-a", "10.77.1.1");
        var ns = ProbeNet.ProbeAsNobody("a", "neigh", "pv1-a", "fd77:1::1");
        var echo = ProbeNet.ProbeAsNobody("a", "echo", "10.77.3.2", "size=1500", "df");
        var tcp = ProbeNet.ProbeAsNobody("a", "tcp", "10.77.3.2", "81");

        Assert.Equal("NotPermitted", arp["result"]);
        Assert.Equal("NotPermitted", ns["result"]);
        Assert.Equal("NotSent", echo["result"]);
        Assert.Contains("CAP_NET_RAW", echo["detail"], StringComparison.Ordinal);
        Assert.Equal("Reset", tcp["result"]);
        Assert.Equal(string.Empty, tcp["answer_ttl"]);
        Assert.Contains("CAP_NET_RAW", tcp["detail"], StringComparison.Ordinal);
    }
}
