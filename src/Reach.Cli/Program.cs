using System.Text;
using Reach.Cli;
using Reach.Cli.Commands;
using Reach.Cli.Rendering;
using Reach.Readers.Sources;

// Both the JSON and the text report (and --help) go through one guarded stdout: a closed or failing
// stdout costs the report, never the exit status.
var stdout = GuardedOutputStream.OpenStandardOutput();
var encoding = Console.OutputEncoding.CodePage == Encoding.UTF8.CodePage ? new UTF8Encoding(false) : Console.OutputEncoding;
Console.SetOut(new StreamWriter(stdout, encoding) { AutoFlush = true });
var context = new CliContext(new LiveSystem(), stdout, ConsoleFactory.Create(Console.Out, !Console.IsOutputRedirected), OpenStandardError())
{
    StandardErrorIsTerminal = !Console.IsErrorRedirected,
    TerminalWidth = TerminalWidth(),
};
return await ReachCli.RunAsync(args, context).ConfigureAwait(false);

// A closed descriptor 2 (`2>&-`) makes Console.Error throw as a closed stdout does: messages are then lost, the exit status is not.
static TextWriter OpenStandardError()
{
    try
    {
        return Console.Error;
    }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
    {
        Console.SetError(TextWriter.Null);
        return TextWriter.Null;
    }
}

// The status line must fit one row or it scrolls: the terminal's width (TIOCGWINSZ), else 80.
static int TerminalWidth()
{
    try
    {
        // A pseudo-terminal without a size (script(1), some CI runners) reports 0 columns.
        return !Console.IsErrorRedirected && Console.WindowWidth is > 0 and var columns ? Math.Max(20, columns) : 80;
    }
    catch (IOException)
    {
        return 80;
    }
}
