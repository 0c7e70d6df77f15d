using System.Net;
using Reach.Readers.Parsing;
using Xunit;

namespace Reach.Tests.Parsing;

public sealed class ResolverFilesTests
{
    [Fact]
    public void Resolv_conf_last_search_or_domain_wins_and_at_most_three_nameservers_count()
    {
        const string text = """
            # generated
            domain corp.example
            search example.net lab.example.
            nameserver 10.1.1.3
            nameserver 10.1.1.4
            ; comment
            nameserver fe80::1%eth0
            nameserver 10.1.1.6
            options ndots:2 timeout:1
            """;

        var r = ResolvConfParser.Parse(text, "/etc/resolv.conf");

        Assert.Equal(["example.net", "lab.example"], r.EffectiveSearch);
        Assert.Null(r.Domain);
        Assert.Equal(3, r.Nameservers.Count);
        Assert.Equal(2, r.Ndots);
    }

    [Fact]
    public void Resolv_conf_domain_after_search_replaces_it()
    {
        var r = ResolvConfParser.Parse("search a.example\ndomain b.example\n", "x");

        Assert.Equal(["b.example"], r.EffectiveSearch);
    }

    [Fact]
    public void Missing_resolv_conf_has_no_nameserver()
    {
        Assert.Empty(ResolvConfParser.Parse(null, "/etc/resolv.conf").Nameservers);
    }

    [Fact]
    public void Hosts_lines_match_any_of_their_names_case_insensitively()
    {
        var entries = HostsParser.Parse("127.0.0.1 localhost\n10.1.2.99\tweb1.example.net web1 # stale\n# 10.0.0.1 web1\nbogus line\n");

        var match = Assert.Single(HostsParser.Matching(entries, ["WEB1"]));
        Assert.Equal(IPAddress.Parse("10.1.2.99"), match.Address);
        Assert.Equal(2, entries.Count);
    }
}
