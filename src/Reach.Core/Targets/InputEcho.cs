using System.Text;

namespace Reach.Core.Targets;

/// <summary>
/// Quotes what the operator typed back into an error message: at most 64 characters (a pasted
/// 5,000-character name would bury the reason) and no control characters (an escape sequence in an
/// argument must not reach the terminal).
/// </summary>
public static class InputEcho
{
    public const int MaxLength = 64;

    public static string Clip(string? text)
    {
        var t = text ?? string.Empty;
        var cut = t.Length > MaxLength;
        if (cut)
        {
            // Never split a surrogate pair: half of one is not a character.
            var end = MaxLength - 1;
            t = t[..(char.IsHighSurrogate(t[end - 1]) ? end - 1 : end)];
        }

        var b = new StringBuilder(t.Length + 1);
        foreach (var c in t)
        {
            b.Append(char.IsControl(c) ? '?' : c);
        }

        return cut ? b.Append('…').ToString() : b.ToString();
    }
}
