using System.Globalization;

namespace Reach.Readers.Parsing;

/// <summary>
/// Names kernel code addresses from /proc/kallsyms ("ffffffff81a2b3c0 T nf_hook_slow", modules add
/// "\t[name]"): an address lies in the text symbol with the highest start at or below it, as the
/// kernel's own %pS does ("nf_hook_slow+0x7d"). The file is not sorted across modules, so every line is
/// looked at; only the few addresses asked for are kept, so the 120,000 lines stream through.
/// With kptr_restrict, an unprivileged reader sees every address as 0: nothing is named then.
/// </summary>
public static class KallsymsParser
{
    /// <returns>address → "function+0xOFFSET" (or "function" at offset 0), for each address a text symbol covers.</returns>
    public static IReadOnlyDictionary<ulong, string> Resolve(IEnumerable<string> lines, IReadOnlyCollection<ulong> addresses)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(addresses);
        var wanted = addresses.Distinct().ToArray();
        var starts = new ulong[wanted.Length];
        var names = new string?[wanted.Length];
        if (wanted.Length == 0)
        {
            return new Dictionary<ulong, string>();
        }

        foreach (var line in lines)
        {
            // "ADDRESS TYPE NAME[\t[MODULE]]"; text symbols are t/T (w/W weak ones too).
            var first = line.IndexOf(' ', StringComparison.Ordinal);
            if (first <= 0 || first + 3 >= line.Length || line[first + 2] != ' ' || line[first + 1] is not ('t' or 'T' or 'w' or 'W'))
            {
                continue;
            }

            if (!ulong.TryParse(line.AsSpan(0, first), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var start) || start == 0)
            {
                continue;
            }

            for (var i = 0; i < wanted.Length; i++)
            {
                if (start <= wanted[i] && start > starts[i])
                {
                    var name = line[(first + 3)..];
                    var tab = name.IndexOf('\t', StringComparison.Ordinal);
                    starts[i] = start;
                    names[i] = tab >= 0 ? name[..tab] : name;
                }
            }
        }

        var named = new Dictionary<ulong, string>();
        for (var i = 0; i < wanted.Length; i++)
        {
            if (names[i] is { } name)
            {
                named[wanted[i]] = wanted[i] == starts[i] ? name : $"{name}+0x{wanted[i] - starts[i]:x}";
            }
        }

        return named;
    }

    /// <summary>The function's name alone: "nf_hook_slow+0x7d" → "nf_hook_slow".</summary>
    public static string Function(string symbol)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        var plus = symbol.IndexOf('+', StringComparison.Ordinal);
        return plus >= 0 ? symbol[..plus] : symbol;
    }
}
