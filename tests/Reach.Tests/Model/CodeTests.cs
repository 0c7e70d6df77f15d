using System.Reflection;
using Reach.Core.Model;
using Reach.Core.Text;
using Xunit;

namespace Reach.Tests.Model;

/// <summary>A code carries its layer; skipped and undecided checks carry codes that claim nothing.</summary>
public sealed class CodeTests
{
    private static IEnumerable<Code> Every() =>
        typeof(Codes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (Code)f.GetValue(null)!)
            .Concat(Enum.GetValues<Layer>().SelectMany(l => new[] { Codes.NotChecked(l), Codes.Unknown(l) }));

    [Fact]
    public void Every_code_names_its_own_layer()
    {
        foreach (var code in Every().Where(c => c.Layer is not null))
        {
            Assert.StartsWith(Code.LayerName(code.Layer!.Value) + ".", code.Name, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_finding_takes_its_layer_from_its_code()
    {
        var finding = new Finding(Codes.PortRejected, CheckStatus.Fail, Message.Verbatim("s"), []);

        Assert.Equal(Layer.Port, finding.Layer);
    }

    [Fact]
    public void A_code_without_a_layer_cannot_make_a_finding()
    {
        Assert.Throws<ArgumentException>(() => new Finding(Codes.Ok, CheckStatus.Pass, Message.Verbatim("s"), []));
    }

    [Theory]
    [InlineData(Layer.Port, "port.not-checked", "port.unknown")]
    [InlineData(Layer.Gateway, "gateway.not-checked", "gateway.unknown")]
    [InlineData(Layer.Firewall, "firewall.not-checked", "firewall.unknown")]
    public void Skipped_and_undecided_codes_are_per_layer(Layer layer, string notChecked, string unknown)
    {
        Assert.Equal(notChecked, Codes.NotChecked(layer).Name);
        Assert.Equal(unknown, Codes.Unknown(layer).Name);
    }

    [Fact]
    public void Every_code_is_documented()
    {
        var doc = File.ReadAllText(Path.Combine(RepoFiles.Root, "docs", "verdicts.md"));
        var missing = Every().Select(c => c.Name).Where(n => !doc.Contains($"`{n}`", StringComparison.Ordinal)).ToList();

        Assert.True(missing.Count == 0, "not in docs/verdicts.md: " + string.Join(", ", missing));
    }
}
