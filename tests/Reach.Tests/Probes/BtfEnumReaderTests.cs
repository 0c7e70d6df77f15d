using System.Diagnostics;
using System.Globalization;
using Reach.Probes.Bpf;
using Xunit;

namespace Reach.Tests.Probes;

/// <summary>
/// The streaming BTF reader against the real thing: this kernel's /sys/kernel/btf/vmlinux (readable without
/// root) read by bpftool, the tool the kernel's developers read BTF with, at the same moment.
/// </summary>
public sealed class BtfEnumReaderTests
{
    private const string Vmlinux = KernelBtfFactAttribute.Vmlinux;

    [KernelBtfFact]
    public void The_kernels_drop_reasons_read_by_streaming_are_what_bpftool_reads()
    {
        var expected = Bpftool("skb_drop_reason");

        var read = BtfEnumReader.Read(Vmlinux, "skb_drop_reason");

        Assert.NotEmpty(expected);
        Assert.Equal(expected, read);
    }

    [KernelBtfFact]
    public void A_name_no_enum_has_gives_nothing()
    {
        // A struct's name, not an enum's: the reader must not take another kind's members for enumerators.
        Assert.Empty(BtfEnumReader.Read(Vmlinux, "sk_buff"));
        Assert.Empty(BtfEnumReader.Read(Vmlinux, "no_such_enum_in_any_kernel"));
    }

    [Fact]
    public void A_file_that_is_not_btf_gives_nothing()
    {
        // bpftool's text dump of the same enum (Fixtures/dropwatch): text, not BTF.
        var text = Path.Combine(AppContext.BaseDirectory, "Fixtures", "dropwatch", "btf-skb_drop_reason.txt");

        Assert.Empty(BtfEnumReader.Read(text, "skb_drop_reason"));
    }

    /// <summary>`bpftool btf dump file vmlinux format raw`: the enum's line, then one "'NAME' val=N" line per enumerator.</summary>
    private static List<(string Name, int Value)> Bpftool(string name)
    {
        var start = new ProcessStartInfo("bpftool", ["btf", "dump", "file", Vmlinux, "format", "raw"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using (var process = Process.Start(start)!)
        {
            _ = process.StandardError.ReadToEndAsync();
            var list = new List<(string, int)>();
            var inside = false;
            string? line;
            while ((line = process.StandardOutput.ReadLine()) is not null)
            {
                if (line.StartsWith('['))
                {
                    if (inside)
                    {
                        break;
                    }

                    inside = line.Contains($" ENUM '{name}' ", StringComparison.Ordinal) || line.Contains($" ENUM64 '{name}' ", StringComparison.Ordinal);
                    continue;
                }

                if (inside && line.Trim() is ['\'', ..] entry)
                {
                    var end = entry.IndexOf('\'', 1);
                    var value = long.Parse(entry[(entry.IndexOf("val=", StringComparison.Ordinal) + 4)..], CultureInfo.InvariantCulture);
                    list.Add((entry[1..end], (int)(uint)value));
                }
            }

            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return list;
        }
    }
}
