namespace Reach.Core.Fixes;

/// <summary>
/// Quotes a word for sh(1) only when it needs it: commands are read by people first, and iptables chain
/// names, addresses and interface names almost never need quotes.
/// </summary>
internal static class ShellWords
{
    public static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '/' or ':' or '=' or ',' or '@' or '+')
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
