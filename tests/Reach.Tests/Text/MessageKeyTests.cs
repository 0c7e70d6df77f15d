using System.Text.RegularExpressions;
using Reach.Core.Text;
using Xunit;

namespace Reach.Tests.Text;

/// <summary>
/// Every message key the code names exists in every language: the keys are read from the sources
/// (every string literal in the first argument of Message.Of, Catalog.Get, words[...] and the like), so a
/// key typed in code and forgotten in a language file fails here, not as a bare key in someone's report.
/// </summary>
public sealed partial class MessageKeyTests
{
    [Fact]
    public void The_scan_finds_the_keys_it_should()
    {
        var keys = KeysUsedInSources();

        // One of each way a key is named: Message.Of, a ternary inside it, words[...], Get(...).
        Assert.Contains("link.down.summary", keys);
        Assert.Contains("verdict.inconclusive.fix.unprivileged", keys);
        Assert.Contains("report.verdict", keys);
        Assert.True(keys.Count > 300, $"only {keys.Count} keys found: the scan misses most of them");
    }

    [Fact]
    public void Every_key_used_in_src_exists_in_every_language()
    {
        var missing = (from key in KeysUsedInSources()
                       from language in Catalog.Available
                       where !Catalog.For(language).Keys.Contains(key)
                       select $"{language}.json lacks \"{key}\"").ToList();

        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    private static HashSet<string> KeysUsedInSources()
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoFiles.Root, "src"), "*.cs", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            foreach (Match call in Call().Matches(text))
            {
                foreach (Match literal in KeyLiteral().Matches(FirstArgument(text, call.Index + call.Length)))
                {
                    keys.Add(literal.Groups[1].Value);
                }
            }
        }

        return keys;
    }

    /// <summary>The text of the first argument of the call whose "(" or "[" ends at <paramref name="start"/>: up to the first "," or closing bracket at depth 0.</summary>
    private static string FirstArgument(string text, int start)
    {
        var depth = 0;
        var inString = false;
        for (var i = start; i < text.Length; i++)
        {
            var ch = text[i];
            if (inString)
            {
                if (ch == '\\')
                {
                    i++;
                }
                else if (ch == '"')
                {
                    inString = false;
                }

                continue;
            }

            switch (ch)
            {
                case '"':
                    inString = true;
                    break;
                case '(' or '[' or '{':
                    depth++;
                    break;
                case ')' or ']' or '}' when depth == 0:
                    return text[start..i];
                case ')' or ']' or '}':
                    depth--;
                    break;
                case ',' when depth == 0:
                    return text[start..i];
            }
        }

        return text[start..];
    }

    // Message.Of(, .Get(, .Template(, Catalog.Get(, words[ / Words[ / this[ / catalog[: each takes a key first.
    [GeneratedRegex(@"(?:\bMessage\.Of|\.Get|\.Template|\bGet)\(|\b(?:words|Words|context\.Words|catalog)\[")]
    private static partial Regex Call();

    // A string literal that looks like a key (two or more dotted lower-case words), not part of an interpolation.
    [GeneratedRegex(@"(?<![$@])""([a-z][a-z0-9-]*(?:\.[a-z0-9-]+)+)""")]
    private static partial Regex KeyLiteral();
}
