using System.Net;
using Reach.Probes;
using Xunit;

namespace Reach.Tests.Probes;

/// <summary>ARP replies and Neighbor Advertisements as a real router sent them (captured, see Fixtures/probes/README.md).</summary>
public sealed class NeighbourMessageTests
{
    private static string Mac(System.Net.NetworkInformation.PhysicalAddress? a) =>
        string.Join(':', a!.GetAddressBytes().Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void An_arp_reply_from_the_target_gives_its_mac()
    {
        var arp = Captured.Load("arp-reply");

        Assert.Equal(arp.Text("sender_mac"), Mac(ArpMessage.ReplyFrom(arp.Bytes, arp.Sender)));
    }

    [Fact]
    public void An_arp_reply_from_another_address_is_not_the_answer()
    {
        var arp = Captured.Load("arp-reply");

        Assert.Null(ArpMessage.ReplyFrom(arp.Bytes, IPAddress.Parse("10.77.1.9")));
    }

    [Fact]
    public void The_sender_of_a_captured_reply_is_the_mac_and_address_that_claim_it()
    {
        var arp = Captured.Load("arp-reply");

        var sender = ArpMessage.SenderOf(arp.Bytes);

        Assert.NotNull(sender);
        Assert.Equal(arp.Text("sender_mac"), Mac(sender.Value.Mac));
        Assert.Equal(arp.Sender, sender.Value.Address);
    }

    [Fact]
    public void An_arp_probe_from_nobody_claims_nothing()
    {
        // RFC 5227's probe (sender 0.0.0.0), as our own claims probe sends it: no address is claimed by it.
        var probe = ArpMessage.WhoHas([2, 0, 0, 0, 0, 1], IPAddress.Any, IPAddress.Parse("10.77.1.1"));

        Assert.Null(ArpMessage.SenderOf(probe));
    }

    [Fact]
    public void A_request_claims_its_sender_address()
    {
        // A host asking who-has says its own address as the sender: a gratuitous announcement is such a request.
        var announcement = ArpMessage.WhoHas([2, 0, 0, 0, 0, 9], IPAddress.Parse("10.77.1.1"), IPAddress.Parse("10.77.1.1"));

        Assert.Equal(IPAddress.Parse("10.77.1.1"), ArpMessage.SenderOf(announcement)?.Address);
    }

    [Fact]
    public void Our_own_request_is_not_a_reply()
    {
        // A packet socket also sees requests on the link, ours and others' who-has for the same address.
        var request = ArpMessage.WhoHas([2, 0, 0, 0, 0, 1], IPAddress.Parse("10.77.1.2"), IPAddress.Parse("10.77.1.1"));

        Assert.Null(ArpMessage.ReplyFrom(request, IPAddress.Parse("10.77.1.1")));
    }

    [Fact]
    public void A_truncated_arp_reply_is_ignored()
    {
        var arp = Captured.Load("arp-reply");

        Assert.Null(ArpMessage.ReplyFrom(arp.Bytes.AsSpan(0, 20), arp.Sender));
    }

    [Fact]
    public void A_neighbour_advertisement_for_the_target_gives_its_mac()
    {
        var na = Captured.Load("neighbour-advert");

        Assert.Equal(na.Text("sender_mac"), Mac(NdpMessage.AdvertisementFor(na.Bytes, na.Sender, na.HopLimit)));
    }

    [Fact]
    public void A_neighbour_advertisement_that_a_router_forwarded_is_not_valid()
    {
        var na = Captured.Load("neighbour-advert");

        Assert.Null(NdpMessage.AdvertisementFor(na.Bytes, na.Sender, 254));
    }

    [Fact]
    public void A_neighbour_advertisement_for_another_address_is_not_the_answer()
    {
        var na = Captured.Load("neighbour-advert");

        Assert.Null(NdpMessage.AdvertisementFor(na.Bytes, IPAddress.Parse("fd77:1::9"), na.HopLimit));
    }

    [Fact]
    public void The_solicitation_goes_to_the_solicited_node_address_of_the_target()
    {
        var group = NdpMessage.SolicitedNode(IPAddress.Parse("fe80::fc49:43ff:fedc:fbc2"), 7);

        Assert.Equal(IPAddress.Parse("ff02::1:ffdc:fbc2%7"), group);
    }
}
