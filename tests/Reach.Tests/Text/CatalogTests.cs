using Reach.Core.Text;
using Xunit;

namespace Reach.Tests.Text;

/// <summary>How a message becomes a sentence: every placeholder filled once, whatever the values hold.</summary>
public sealed class CatalogTests
{
    [Fact]
    public void A_value_that_looks_like_a_placeholder_is_not_filled_again()
    {
        // verdict.with-note is "{summary}{dot} {note}": a summary that itself says "{note}" (a rule's
        // comment, a file name) must come out as it is, not with the note pasted into it.
        var message = Message.Of("verdict.with-note", ("dot", "."))
            .With("summary", Message.Verbatim("rule says {note} and {dot}"))
            .With("note", Message.Verbatim("NOTE"));

        Assert.Equal("rule says {note} and {dot}. NOTE", Catalog.English.Format(message));
    }

    [Fact]
    public void An_argument_holding_another_arguments_placeholder_stays_as_given()
    {
        var message = Message.Of("join.no-syn.fix.last", ("router", "{host}"), ("host", "web1"));

        var said = Catalog.English.Format(message);

        Assert.Contains("{host}", said, StringComparison.Ordinal);
        Assert.Contains("web1", said, StringComparison.Ordinal);
    }

    [Fact]
    public void A_verbatim_message_is_its_text_in_every_language()
    {
        var text = "the answer {is} as it came";

        Assert.All(Catalog.Available, l => Assert.Equal(text, Catalog.For(l).Format(Message.Verbatim(text))));
        Assert.True(Message.Verbatim(text).IsVerbatim);
        Assert.False(Message.Of("verdict.ok.fix").IsVerbatim);
    }

    [Fact]
    public void Messages_with_the_same_key_and_values_are_equal()
    {
        Assert.Equal(Message.Of("link.down.summary", ("names", "eth0")), Message.Of("link.down.summary", ("names", "eth0")));
        Assert.Equal(Message.Verbatim("x"), Message.Verbatim("x"));
        Assert.NotEqual(Message.Verbatim("x"), Message.Verbatim("y"));
        Assert.Equal(Message.Of("join.compare").With("summary", Message.Verbatim("a")), Message.Of("join.compare").With("summary", Message.Verbatim("a")));
    }

    [Fact]
    public void An_unknown_placeholder_stays_and_an_unknown_key_is_said_as_itself()
    {
        Assert.Equal("no.such.key", Catalog.English.Format(Message.Of("no.such.key", ("x", "1"))));
        Assert.Contains("{note}", Catalog.English.Format(Message.Of("verdict.with-note", ("dot", "."))), StringComparison.Ordinal);
    }
}
