using System.Text;

namespace Reach.Engine.Remote;

/// <summary>
/// Quoting for the remote shell. ssh(1) joins its command arguments with spaces and hands the line to
/// the remote user's shell (`$SHELL -c`), so every argument is quoted here: POSIX single quotes, inside
/// which nothing is special (POSIX 2.2.2), and a single quote itself written as '\''. No target string,
/// port or path can then become a second command, a redirection or an expansion.
/// </summary>
public static class ShellQuote
{
    public static string Quote(string argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        var s = new StringBuilder(argument.Length + 2).Append('\'');
        foreach (var ch in argument)
        {
            s.Append(ch == '\'' ? "'\\''" : ch.ToString());
        }

        return s.Append('\'').ToString();
    }

    public static string Join(IEnumerable<string> arguments) => string.Join(' ', arguments.Select(Quote));
}
