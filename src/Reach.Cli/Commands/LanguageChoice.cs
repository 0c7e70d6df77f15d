using Reach.Core.Text;

namespace Reach.Cli.Commands;

/// <summary>
/// Which language to speak: --lang wins, else the locale the way setlocale(3) reads it for messages
/// (LC_ALL, then LC_MESSAGES, then LANG: the first that is set and not empty). "ko_KR.UTF-8" means
/// Korean; C, POSIX and a language without a message file mean English. Read before the command line
/// is parsed, because --help itself is said in that language.
/// </summary>
internal static class LanguageChoice
{
    private static readonly string[] LocaleVariables = ["LC_ALL", "LC_MESSAGES", "LANG"];

    public static (string Language, string? Error) Choose(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        for (var i = 0; i < args.Count; i++)
        {
            string? given = args[i] == "--lang" && i + 1 < args.Count ? args[i + 1]
                : args[i].StartsWith("--lang=", StringComparison.Ordinal) ? args[i]["--lang=".Length..]
                : null;
            if (given is null)
            {
                continue;
            }

            var language = Normalise(given);
            return Catalog.Available.Contains(language)
                ? (language, null)
                : ("en", Catalog.English.Get("error.lang", ("lang", given), ("languages", string.Join(", ", Catalog.Available))));
        }

        var locale = LocaleVariables.Select(environment).FirstOrDefault(v => !string.IsNullOrEmpty(v));
        var fromLocale = locale is null ? "en" : Normalise(locale);
        return (Catalog.Available.Contains(fromLocale) ? fromLocale : "en", null);
    }

    // "ko_KR.UTF-8@euro" → "ko"; "KO" → "ko".
    private static string Normalise(string locale)
    {
        var end = locale.IndexOfAny(['_', '.', '@', '-']);
        return (end < 0 ? locale : locale[..end]).ToLowerInvariant();
    }
}
