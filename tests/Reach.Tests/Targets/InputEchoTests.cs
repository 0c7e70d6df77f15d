using Reach.Core.Targets;
using Xunit;

namespace Reach.Tests.Targets;

public sealed class InputEchoTests
{
    [Fact]
    public void Short_input_is_echoed_whole()
    {
        Assert.Equal("web1:80", InputEcho.Clip("web1:80"));
    }

    [Fact]
    public void Long_input_is_clipped_with_an_ellipsis()
    {
        var clipped = InputEcho.Clip(new string('a', 5000));

        Assert.Equal(InputEcho.MaxLength, clipped.Length);
        Assert.EndsWith("…", clipped, StringComparison.Ordinal);
    }

    [Fact]
    public void A_surrogate_pair_is_never_split()
    {
        // Character 63 is the first half of an emoji: keeping it would leave half a character before the ellipsis.
        var clipped = InputEcho.Clip(new string('a', 62) + "😀😀");

        Assert.Equal(new string('a', 62) + "…", clipped);
    }

    [Fact]
    public void Control_characters_never_reach_the_terminal()
    {
        Assert.Equal("web1?[31m", InputEcho.Clip("web1\u001b[31m"));
    }
}
