namespace Reach.Firewall;

/// <summary>
/// ICMP and ICMPv6 type/code names as iptables (<c>iptables -p icmp -h</c>) and nft (nft(8), ICMP TYPE TYPE)
/// spell them. iptables-save prints numbers (<c>--icmp-type 8</c>), nft -j prints names.
/// </summary>
internal static class IcmpNames
{
    // name -> (type, code or -1 for any code)
    private static readonly Dictionary<string, (int Type, int Code)> V4 = new(StringComparer.OrdinalIgnoreCase)
    {
        ["echo-reply"] = (0, -1),
        ["pong"] = (0, -1),
        ["destination-unreachable"] = (3, -1),
        ["network-unreachable"] = (3, 0),
        ["host-unreachable"] = (3, 1),
        ["protocol-unreachable"] = (3, 2),
        ["port-unreachable"] = (3, 3),
        ["fragmentation-needed"] = (3, 4),
        ["source-route-failed"] = (3, 5),
        ["network-unknown"] = (3, 6),
        ["host-unknown"] = (3, 7),
        ["network-prohibited"] = (3, 9),
        ["host-prohibited"] = (3, 10),
        ["TOS-network-unreachable"] = (3, 11),
        ["TOS-host-unreachable"] = (3, 12),
        ["communication-prohibited"] = (3, 13),
        ["host-precedence-violation"] = (3, 14),
        ["precedence-cutoff"] = (3, 15),
        ["source-quench"] = (4, -1),
        ["redirect"] = (5, -1),
        ["network-redirect"] = (5, 0),
        ["host-redirect"] = (5, 1),
        ["TOS-network-redirect"] = (5, 2),
        ["TOS-host-redirect"] = (5, 3),
        ["echo-request"] = (8, -1),
        ["ping"] = (8, -1),
        ["router-advertisement"] = (9, -1),
        ["router-solicitation"] = (10, -1),
        ["time-exceeded"] = (11, -1),
        ["ttl-exceeded"] = (11, -1),
        ["ttl-zero-during-transit"] = (11, 0),
        ["ttl-zero-during-reassembly"] = (11, 1),
        ["parameter-problem"] = (12, -1),
        ["ip-header-bad"] = (12, 0),
        ["required-option-missing"] = (12, 1),
        ["timestamp-request"] = (13, -1),
        ["timestamp-reply"] = (14, -1),
        ["info-request"] = (15, -1),
        ["info-reply"] = (16, -1),
        ["address-mask-request"] = (17, -1),
        ["address-mask-reply"] = (18, -1),
    };

    private static readonly Dictionary<string, (int Type, int Code)> V6 = new(StringComparer.OrdinalIgnoreCase)
    {
        ["destination-unreachable"] = (1, -1),
        ["no-route"] = (1, 0),
        ["communication-prohibited"] = (1, 1),
        ["beyond-scope"] = (1, 2),
        ["address-unreachable"] = (1, 3),
        ["port-unreachable"] = (1, 4),
        ["failed-policy"] = (1, 5),
        ["reject-route"] = (1, 6),
        ["packet-too-big"] = (2, -1),
        ["time-exceeded"] = (3, -1),
        ["ttl-exceeded"] = (3, -1),
        ["ttl-zero-during-transit"] = (3, 0),
        ["ttl-zero-during-reassembly"] = (3, 1),
        ["parameter-problem"] = (4, -1),
        ["bad-header"] = (4, 0),
        ["unknown-header-type"] = (4, 1),
        ["unknown-option"] = (4, 2),
        ["echo-request"] = (128, -1),
        ["ping"] = (128, -1),
        ["echo-reply"] = (129, -1),
        ["pong"] = (129, -1),
        ["mld-listener-query"] = (130, -1),
        ["mld-listener-report"] = (131, -1),
        ["mld-listener-done"] = (132, -1),
        ["mld-listener-reduction"] = (132, -1),
        ["router-solicitation"] = (133, -1),
        ["nd-router-solicit"] = (133, -1),
        ["router-advertisement"] = (134, -1),
        ["nd-router-advert"] = (134, -1),
        ["neighbour-solicitation"] = (135, -1),
        ["neighbor-solicitation"] = (135, -1),
        ["nd-neighbor-solicit"] = (135, -1),
        ["neighbour-advertisement"] = (136, -1),
        ["neighbor-advertisement"] = (136, -1),
        ["nd-neighbor-advert"] = (136, -1),
        ["redirect"] = (137, -1),
        ["nd-redirect"] = (137, -1),
        ["router-renumbering"] = (138, -1),
        ["ind-neighbor-solicit"] = (141, -1),
        ["ind-neighbor-advert"] = (142, -1),
        ["mld2-listener-report"] = (143, -1),
    };

    // nft's ICMP code names (nft(8), ICMP CODE TYPE / ICMPV6 CODE TYPE).
    private static readonly Dictionary<string, int> V4Codes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["net-unreachable"] = 0,
        ["host-unreachable"] = 1,
        ["prot-unreachable"] = 2,
        ["port-unreachable"] = 3,
        ["frag-needed"] = 4,
        ["net-prohibited"] = 9,
        ["host-prohibited"] = 10,
        ["admin-prohibited"] = 13,
    };

    private static readonly Dictionary<string, int> V6Codes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["no-route"] = 0,
        ["admin-prohibited"] = 1,
        ["addr-unreachable"] = 3,
        ["port-unreachable"] = 4,
        ["policy-fail"] = 5,
        ["reject-route"] = 6,
    };

    /// <summary>
    /// iptables <c>--icmp-type</c>/<c>--icmpv6-type</c>: a name, <c>TYPE</c> or <c>TYPE/CODE</c>;
    /// <c>any</c> gives type -1. Code -1 means any code.
    /// </summary>
    public static bool TryParseIptables(string text, bool v6, out int type, out int code)
    {
        type = -1;
        code = -1;
        if (text.Equals("any", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            if (ValueParsing.Number(text[..slash]) is { } t && t <= 255 && ValueParsing.Number(text[(slash + 1)..]) is { } c && c <= 255)
            {
                (type, code) = ((int)t, (int)c);
                return true;
            }

            return false;
        }

        if (ValueParsing.Number(text) is { } n && n <= 255)
        {
            type = (int)n;
            return true;
        }

        if ((v6 ? V6 : V4).TryGetValue(text, out var known))
        {
            (type, code) = known;
            return true;
        }

        return false;
    }

    /// <summary>An nft ICMP type name (<c>echo-request</c>, <c>nd-neighbor-solicit</c>).</summary>
    public static int? NftType(string name, bool v6) =>
        (v6 ? V6 : V4).TryGetValue(name, out var known) && known.Code == -1 ? known.Type : null;

    /// <summary>An nft ICMP code name (<c>port-unreachable</c>, <c>admin-prohibited</c>).</summary>
    public static int? NftCode(string name, bool v6) =>
        (v6 ? V6Codes : V4Codes).TryGetValue(name, out var code) ? code : null;
}
