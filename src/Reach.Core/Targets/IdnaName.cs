using System.Globalization;
using System.Text;

using Reach.Core.Text;

namespace Reach.Core.Targets;

/// <summary>
/// Turns a host name typed in Unicode (<c>bücher.example</c>) into the A-labels DNS carries
/// (<c>xn--bcher-kva.example</c>, RFC 5890/5891), label by label, so ASCII labels keep the
/// underscores real zones use (<c>_sip._tcp</c>) and only the Unicode ones go through IdnMapping.
/// </summary>
/// <remarks>
/// The CLI is built with InvariantGlobalization (no ICU on the hosts it is copied to). There, IdnMapping
/// still does Punycode (managed code) but not the UTS #46 mapping step: string.Normalize is a no-op and
/// upper-case letters would be encoded as they are. The mapping an operator's input needs is done
/// here instead: the ideographic and fullwidth full stops are dots (RFC 3490 §3.1), fullwidth ASCII is
/// ASCII (its NFKC form), letters are lower-cased (case mapping works in invariant mode). A name typed
/// decomposed (u + U+0308 instead of ü) cannot be composed without normalization tables, so it is
/// refused with that reason rather than looked up under a wrong A-label.
/// </remarks>
internal static class IdnaName
{
    private static readonly IdnMapping Mapping = new() { UseStd3AsciiRules = true, AllowUnassigned = false };

    public static bool IsAscii(string name) => name.All(char.IsAscii);

    /// <summary>The name in A-labels, or the reason it has none.</summary>
    public static (string? Ascii, Message? Error) ToAscii(string name)
    {
        var mapped = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (c is '\u3002' or '\uFF0E' or '\uFF61')
            {
                mapped.Append('.');
            }
            else if (c is >= '\uFF01' and <= '\uFF5E')
            {
                mapped.Append((char)(c - 0xFEE0));
            }
            else if (c is >= '\u0300' and <= '\u036F')
            {
                return (null, Message.Of("error.idna.combining-mark", ("code", $"U+{(int)c:X4}")));
            }
            else
            {
                mapped.Append(c);
            }
        }

        var labels = mapped.ToString().Split('.');
        for (var i = 0; i < labels.Length; i++)
        {
            var label = labels[i];
            if (IsAscii(label))
            {
                // UTS #46 lower-cases the whole name, as browsers show it; DNS itself ignores ASCII case (RFC 4343).
                labels[i] = label.ToLowerInvariant();
                continue;
            }

            var bad = label.FirstOrDefault(c => char.IsAscii(c) && !(char.IsAsciiLetterOrDigit(c) || c == '-'));
            if (bad != default)
            {
                return (null, Message.Of("error.idna.not-allowed", ("character", InputEcho.Clip(bad.ToString()))));
            }

            try
            {
                labels[i] = Mapping.GetAscii(label.ToLowerInvariant());
            }
            catch (ArgumentException e)
            {
                // IdnMapping refuses labels that are too long once encoded, or that hold characters IDNA forbids;
                // its own reason is .NET's English text, quoted as it is.
                var reason = e.Message.Split(" (Parameter", 2)[0].TrimEnd('.');
                return (null, Message.Of("error.idna.no-form", ("label", InputEcho.Clip(label)), ("reason", reason)));
            }
        }

        return (string.Join('.', labels), null);
    }
}
