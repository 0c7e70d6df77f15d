using System.CommandLine;
using Reach.Core.Text;

namespace Reach.Cli.Commands;

/// <summary>
/// --help in the reader's language. The English descriptions stay where the commands are built; each
/// has a key, "help.COMMAND[.OPTION-OR-ARGUMENT]" (e.g. help.check.--timeout), and the message files
/// hold its text in every language, English included, so a test notices an English description that
/// changed without its translation.
/// </summary>
internal static class HelpText
{
    /// <summary>Every described symbol of the tree with its key.</summary>
    public static IEnumerable<(string Key, Func<string?> Get, Action<string> Set)> Symbols(RootCommand root, string name = "reach") => Walk(root, name);

    /// <param name="name">The root's key: reach, or reach-serve for the server's own binary.</param>
    public static void Localize(RootCommand root, Catalog catalog, string name = "reach")
    {
        foreach (var (key, _, set) in Symbols(root, name))
        {
            if (catalog.Template(key) is { } text)
            {
                set(text);
            }
        }
    }

    private static IEnumerable<(string, Func<string?>, Action<string>)> Walk(Command command, string name)
    {
        yield return ("help." + name, () => command.Description, d => command.Description = d);
        foreach (var o in command.Options.Where(o => !o.Hidden))
        {
            yield return ($"help.{name}.{o.Name}", () => o.Description, d => o.Description = d);
        }

        foreach (var a in command.Arguments.Where(a => !a.Hidden))
        {
            yield return ($"help.{name}.{a.Name}", () => a.Description, d => a.Description = d);
        }

        foreach (var sub in command.Subcommands.Where(c => !c.Hidden))
        {
            foreach (var s in Walk(sub, sub.Name))
            {
                yield return s;
            }
        }
    }
}
