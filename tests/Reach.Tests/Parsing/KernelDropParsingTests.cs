using System.Globalization;
using Reach.Probes.Bpf;
using Reach.Readers.Parsing;
using Xunit;

namespace Reach.Tests.Parsing;

/// <summary>
/// What the kernel drop watch reads besides its events, from files captured on the lab's kernel (6.18,
/// see Fixtures/README.md): /proc/kallsyms, the BTF enum skb_drop_reason, a tracefs instance's trace.
/// </summary>
public sealed class KernelDropParsingTests
{
    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "dropwatch", name));

    private static string[] Lines(string name) => Fixture(name).Split('\n');

    [Fact]
    public void A_drop_location_is_named_by_the_text_symbol_it_lies_in_with_its_offset()
    {
        // The locations the lab's faults produced: nft_do_chain+0x46f (a DROP rule), nf_hook_slow+0x7d
        // (conntrack full), tcp_v4_rcv+0x99 (no listener), ip_rcv_finish_core+0x260 (rp_filter).
        ulong[] locations = [0xffffffff81fb4770 + 0x46f, 0xffffffff81f78390 + 0x7d, 0xffffffff8208ae50 + 0x99, 0xffffffff8204b170 + 0x260];

        var named = KallsymsParser.Resolve(Lines("kallsyms-excerpt.txt"), locations);

        Assert.Equal("nft_do_chain+0x46f", named[locations[0]]);
        Assert.Equal("nf_hook_slow+0x7d", named[locations[1]]);
        Assert.Equal("tcp_v4_rcv+0x99", named[locations[2]]);
        Assert.Equal("ip_rcv_finish_core+0x260", named[locations[3]]);
        Assert.Equal("nft_do_chain", KallsymsParser.Function(named[locations[0]]));
    }

    [Fact]
    public void An_address_at_a_symbols_start_has_no_offset_and_data_symbols_name_nothing()
    {
        var named = KallsymsParser.Resolve(Lines("kallsyms-excerpt.txt"), [0xffffffff81f78390, 0xffffffff82400000 + 0x10]);

        Assert.Equal("nf_hook_slow", named[0xffffffff81f78390]);

        // Just above a data symbol (D __start_rodata) the name is the nearest text symbol below it
        // (__pfx_tpacket_rcv here), never the data symbol.
        Assert.DoesNotContain("__start_rodata", named[0xffffffff82400010], StringComparison.Ordinal);
    }

    [Fact]
    public void Kallsyms_read_without_privilege_names_nothing()
    {
        // kptr_restrict: a reader without CAP_SYSLOG sees every address as 0.
        var named = KallsymsParser.Resolve(Lines("kallsyms-restricted.txt"), [0xffffffff81f78390 + 0x7d]);

        Assert.Empty(named);
    }

    [Fact]
    public void The_reason_names_come_from_this_kernels_btf_without_their_prefix_or_markers()
    {
        var enumerators = Lines("btf-skb_drop_reason.txt").Skip(1)
            .Select(l => l.Trim()).Where(l => l.StartsWith('\''))
            .Select(l => (Name: l[1..l.IndexOf('\'', 1)], Value: long.Parse(l[(l.IndexOf("val=", StringComparison.Ordinal) + 4)..], CultureInfo.InvariantCulture)))
            .Select(e => (e.Name, (int)(uint)e.Value))
            .ToList();

        var names = DropReasonNames.From(enumerators);

        Assert.Equal("NO_SOCKET", names[3]);
        Assert.Equal("NETFILTER_DROP", names[12]);
        Assert.Equal("IP_RPFILTER", names[16]);
        Assert.Equal("TCP_LISTEN_OVERFLOW", names[40]);
        Assert.Equal("NEIGH_FAILED", names[58]);
        Assert.Equal("SKB_CONSUMED", names[1]);
        Assert.DoesNotContain("MAX", names.Values);
        Assert.DoesNotContain("SUBSYS_MASK", names.Values);
        Assert.Equal("subsystem 3 reason 7", DropReasonNames.Name(names, (3 << 16) | 7));
        Assert.Null(DropReasonNames.Name(names, 9999));
    }

    [Fact]
    public void A_tracefs_trace_is_counted_by_reason_and_function()
    {
        var counts = TraceDropParser.Parse(Fixture("tracefs-kfree_skb.txt"));

        Assert.Contains(counts, c => c.Reason == "NETFILTER_DROP" && c.Function == "nft_do_chain" && c.Count == 3);
        Assert.Contains(counts, c => c.Reason == "NO_SOCKET" && c.Function == "tcp_v4_rcv" && c.Count == 1);
        Assert.Equal(counts.OrderByDescending(c => c.Count).Select(c => c.Count), counts.Select(c => c.Count));
    }
}
