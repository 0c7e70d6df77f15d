using System.Net;
using Reach.Core.Targets;
using Xunit;

namespace Reach.Tests.Targets;

public sealed class TargetParserTests
{
    [Theory]
    [InlineData("web1:80", "web1", 80, null)]
    [InlineData("10.1.2.5:80", "10.1.2.5", 80, "10.1.2.5")]
    [InlineData("[fe80::1]:8080", "fe80::1", 8080, "fe80::1")]
    [InlineData("http://web1/", "web1", 80, null)]
    [InlineData("https://web1.example.net/path?q=1", "web1.example.net", 443, null)]
    [InlineData("http://user@web1:8080/", "web1", 8080, null)]
    [InlineData("foo://web1:9000/", "web1", 9000, null)]
    [InlineData("http://[::1]/", "::1", 80, "::1")]
    [InlineData("_sip._tcp.example.net:5060", "_sip._tcp.example.net", 5060, null)]
    public void Accepts_the_contract_forms(string input, string host, int port, string? address)
    {
        var result = TargetParser.Parse(input);

        Assert.Null(result.Error);
        Assert.Equal(host, result.Target!.Host);
        Assert.Equal(port, result.Target.Port);
        Assert.Equal(address is null ? null : IPAddress.Parse(address), result.Target.Address);
    }

    [Fact]
    public void A_bare_host_takes_the_port_option()
    {
        var result = TargetParser.Parse("web1", 80);

        Assert.Equal(80, result.Target!.Port);
        Assert.True(result.Target.IsShortName);
    }

    [Fact]
    public void An_ipv4_mapped_address_is_probed_as_ipv4()
    {
        Assert.Equal(IPAddress.Parse("10.1.2.5"), TargetParser.Parse("[::ffff:10.1.2.5]:80").Target!.Address);
    }

    [Fact]
    public void A_bare_ipv6_address_is_not_split_at_its_colons()
    {
        var result = TargetParser.Parse("fe80::1", 22);

        Assert.Equal(IPAddress.Parse("fe80::1"), result.Target!.Address);
    }

    [Theory]
    [InlineData("web1:99999", "not a TCP port")]
    [InlineData("web1:0", "not a TCP port")]
    [InlineData(":80", "host is missing")]
    [InlineData("web1:http:80", "too many ':'")]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("[::1", "no ']'")]
    [InlineData("[web1]:80", "not an IPv6 address")]
    [InlineData("gopherx://web1/", "no well-known port")]
    [InlineData("web1", "no port")]
    [InlineData("web1..example.net:80", "empty label")]
    [InlineData("-web1:80", "starts or ends with '-'")]
    [InlineData("web 1:80", "not allowed")]
    public void Rejects_bad_input_with_a_reason(string input, string reason)
    {
        var result = TargetParser.Parse(input);

        Assert.Null(result.Target);
        Assert.Contains(reason, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_label_longer_than_63_characters()
    {
        var result = TargetParser.Parse(new string('a', 300) + ":80");

        Assert.Contains("at most 63", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_name_longer_than_253_characters()
    {
        var name = string.Join('.', Enumerable.Repeat(new string('a', 60), 5));
        var result = TargetParser.Parse(name + ":80");

        Assert.Contains("at most 253", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_port_option_that_contradicts_the_target()
    {
        Assert.Contains("--port says 81", TargetParser.Parse("web1:80", 81).Error, StringComparison.Ordinal);
        Assert.Contains("out of range", TargetParser.Parse("web1", 70000).Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("224.0.0.1:80", "multicast")]
    [InlineData("http://239.255.255.250/", "multicast")]
    [InlineData("[ff02::1]:80", "multicast")]
    [InlineData("[::ffff:224.0.0.1]:80", "multicast")]
    [InlineData("255.255.255.255:80", "limited broadcast")]
    [InlineData("0.0.0.0:80", "unspecified")]
    [InlineData("[::]:80", "unspecified")]
    public void Refuses_addresses_that_name_no_single_host(string input, string what)
    {
        var result = TargetParser.Parse(input);

        Assert.Null(result.Target);
        Assert.Contains(what, result.Error, StringComparison.Ordinal);
        Assert.Contains("give the address of the host to reach", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_unspecified_address_is_answered_with_this_hosts_loopback()
    {
        Assert.Contains("127.0.0.1 for this one", TargetParser.Parse("0.0.0.0:80").Error, StringComparison.Ordinal);
        Assert.Contains("::1 for this one", TargetParser.Parse("[::]:80").Error, StringComparison.Ordinal);
    }

    // The A-labels are the well-known ones (RFC 3492's algorithm as every browser and libidn2 apply it).
    [Theory]
    [InlineData("bücher.example:80", "xn--bcher-kva.example", "bücher.example")]
    [InlineData("BÜCHER.Example:80", "xn--bcher-kva.example", "BÜCHER.Example")]
    [InlineData("http://münchen.example/", "xn--mnchen-3ya.example", "münchen.example")]
    [InlineData("_sip._tcp.bücher.example:5060", "_sip._tcp.xn--bcher-kva.example", "_sip._tcp.bücher.example")]
    [InlineData("bücher:80", "xn--bcher-kva", "bücher")]
    public void A_unicode_name_is_looked_up_in_its_idna_form(string input, string aLabels, string typed)
    {
        var result = TargetParser.Parse(input);

        Assert.Null(result.Error);
        Assert.Equal(aLabels, result.Target!.Host);
        Assert.Equal(typed, result.Target.UnicodeHost);
        Assert.Equal($"{typed} ({aLabels})", result.Target.Display);
        Assert.Equal(input, result.Target.Input);
    }

    [Fact]
    public void A_unicode_short_name_still_uses_the_search_list()
    {
        Assert.True(TargetParser.Parse("bücher:80").Target!.IsShortName);
    }

    [Fact]
    public void Fullwidth_characters_and_ideographic_dots_are_their_ascii_selves()
    {
        var name = TargetParser.Parse("ｗｅｂ１。example:80").Target!;
        var address = TargetParser.Parse("１０．１．２．５:80").Target!;

        Assert.Equal("web1.example", name.Host);
        Assert.Equal(IPAddress.Parse("10.1.2.5"), address.Address);
    }

    [Fact]
    public void An_ascii_name_has_no_unicode_form_to_show()
    {
        var target = TargetParser.Parse("web1:80").Target!;

        Assert.Null(target.UnicodeHost);
        Assert.Equal("web1", target.Display);
    }

    [Theory]
    [InlineData("bu\u0308cher.example:80", "combining mark U+0308")]
    [InlineData("bü cher.example:80", "' ' is not allowed")]
    [InlineData("bü/cher.example:80", "'/' is not allowed")]
    public void Refuses_unicode_names_it_cannot_convert_faithfully(string escaped, string reason)
    {
        var result = TargetParser.Parse(System.Text.RegularExpressions.Regex.Unescape(escaped));

        Assert.Null(result.Target);
        Assert.Contains(reason, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_unicode_label_too_long_for_dns()
    {
        var result = TargetParser.Parse("ü" + new string('a', 70) + ".example:80");

        Assert.Null(result.Target);
        Assert.Contains("no IDNA form", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_unicode_name_whose_idna_form_is_longer_than_253()
    {
        var name = string.Join('.', Enumerable.Repeat("bücher" + new string('a', 40), 6));
        var result = TargetParser.Parse(name + ":80");

        Assert.Null(result.Target);
        Assert.Contains("at most 253", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("::1", "[::1]:PORT")]
    [InlineData("[fe80::1]", "[fe80::1]:PORT")]
    [InlineData("gopherx://[::1]/", "gopherx://[::1]:PORT/")]
    public void The_no_port_hint_for_an_ipv6_literal_uses_brackets(string input, string hint)
    {
        var error = TargetParser.Parse(input).Error;

        Assert.Contains(hint, error, StringComparison.Ordinal);
        Assert.DoesNotContain("::1:PORT", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_no_port_hint_for_a_name_suggests_host_colon_port()
    {
        Assert.Contains("web1:PORT", TargetParser.Parse("web1").Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_udp_port_in_the_target_is_refused_as_not_tcp()
    {
        Assert.Contains("'53/udp' is not a TCP port (1 to 65535); reach check probes TCP", TargetParser.Parse("web1:53/udp").Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_5000_character_name_is_not_echoed_whole()
    {
        var error = TargetParser.Parse(new string('a', 5000) + ":80").Error!;

        Assert.True(error.Length < 200, error);
        Assert.Contains("…", error, StringComparison.Ordinal);
        Assert.Contains("5000 characters long", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_name_of_short_labels_is_not_echoed_whole()
    {
        var error = TargetParser.Parse(string.Join('.', Enumerable.Repeat("abcdefgh", 600)) + ":80").Error!;

        Assert.True(error.Length < 200, error);
        Assert.Contains("at most 253", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.1.2.5", "10.1.2.5")]
    [InlineData(" fd00::7 ", "fd00::7")]
    [InlineData("::ffff:10.1.2.5", "10.1.2.5")]
    [InlineData("10", null)]
    [InlineData("10.1", null)]
    [InlineData("web1", null)]
    [InlineData("", null)]
    public void Parses_an_address_option_without_inet_aton_shorthand(string text, string? expected)
    {
        Assert.Equal(expected is null ? null : IPAddress.Parse(expected), TargetParser.ParseAddress(text));
    }
}
