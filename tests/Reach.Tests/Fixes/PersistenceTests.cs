using Reach.Core.Fixes;
using Reach.Core.Observations;
using Reach.Core.Text;
using Xunit;

namespace Reach.Tests.Fixes;

/// <summary>
/// "then persist it …" in a firewall fix says what this host really keeps rules with: the command of the tool
/// that is installed (the same the action's persist runs), or that nothing is, and how to get it; a file
/// nothing loads at boot is never named as if it were.
/// </summary>
public sealed class PersistenceTests
{
    private static HostFacts Host(string id, params HostTool[] tools) => new(id, id == "rocky" ? ["rhel", "centos", "fedora"] : [], tools.ToHashSet());

    private static string Said(string source, HostFacts? host) => Catalog.English.Format(Persistence.Sentence(source, host));

    [Theory]
    [InlineData("iptables", "netfilter-persistent save")]
    [InlineData("ip6tables", "netfilter-persistent save")]
    public void Debian_with_iptables_persistent_saves_with_netfilter_persistent(string source, string command)
    {
        var host = Host("debian", HostTool.NetfilterPersistent);

        Assert.Equal($"persist it with `{command}`", Said(source, host));
        Assert.Equal(command, Persistence.Command(source, host));
    }

    [Theory]
    [InlineData("iptables", "service iptables save")]
    [InlineData("ip6tables", "service ip6tables save")]
    public void Rhel_with_iptables_services_saves_each_family_with_its_own_service(string source, string command)
    {
        Assert.Equal($"persist it with `{command}`", Said(source, Host("rocky", HostTool.IptablesServices)));
    }

    [Fact]
    public void Nft_with_nftables_service_names_the_file_it_loads_at_boot()
    {
        var said = Said("nft", Host("rocky", HostTool.NftablesService));

        Assert.Contains("/etc/sysconfig/nftables.conf, which nftables.service loads at boot", said, StringComparison.Ordinal);
        Assert.Contains("`nft -s list ruleset > /etc/sysconfig/nftables.conf`", said, StringComparison.Ordinal);
    }

    [Fact]
    public void A_known_host_with_nothing_that_saves_iptables_rules_is_told_so_and_how_to_get_it()
    {
        var said = Said("ip6tables", Host("debian"));

        Assert.StartsWith("make it last across a reboot yourself: nothing on this host saves ip6tables rules", said, StringComparison.Ordinal);
        Assert.Contains("`service ip6tables save`", said, StringComparison.Ordinal);
        Assert.DoesNotContain("rules.v4", said, StringComparison.Ordinal);
        Assert.Null(Persistence.Command("ip6tables", Host("debian")));
    }

    [Fact]
    public void Nft_without_nftables_service_is_told_that_nothing_loads_the_ruleset()
    {
        Assert.Contains("nftables.service is not installed here", Said("nft", Host("debian")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("iptables", "/etc/iptables/rules.v4", "/etc/sysconfig/iptables")]
    [InlineData("ip6tables", "/etc/iptables/rules.v6", "/etc/sysconfig/ip6tables")]
    [InlineData("ip6tables-legacy", "/etc/iptables/rules.v6", "/etc/sysconfig/ip6tables")]
    public void Without_facts_about_the_host_both_usual_places_are_named_for_the_rules_family(string source, string debian, string redHat)
    {
        foreach (var host in new[] { null, HostFacts.Unknown })
        {
            var said = Said(source, host);

            Assert.Contains(debian, said, StringComparison.Ordinal);
            Assert.Contains(redHat, said, StringComparison.Ordinal);
            Assert.Contains("`netfilter-persistent save`", said, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_persist_sentence_is_in_every_language()
    {
        var sentences = new[]
        {
            Persistence.Sentence("iptables", Host("debian", HostTool.NetfilterPersistent)),
            Persistence.Sentence("nft", Host("debian", HostTool.NftablesService)),
            Persistence.Sentence("iptables", Host("debian")),
            Persistence.Sentence("nft", Host("debian")),
            Persistence.Sentence("iptables", null),
            Persistence.Sentence("nft", null),
        };

        Assert.Equal(6, sentences.Select(s => s.Key).Distinct().Count());
        Assert.All(sentences, s => Assert.DoesNotContain("{", Catalog.For("ko").Format(s), StringComparison.Ordinal));
    }
}
