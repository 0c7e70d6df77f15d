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
var context = new CliContext(new LiveSystem(), stdout, ConsoleFactory.Create(Console.Out, !Console.IsOutputRedirected), Console.Error);
return await ReachCli.RunAsync(args, context).ConfigureAwait(false);
