using System.CommandLine;
using Reach.Cli;
using Reach.Cli.Commands;
using Reach.Cli.Rendering;
using Reach.Readers;
using Reach.Readers.Sources;

var stdout = Console.OpenStandardOutput();
var context = new CliContext(new LiveSystem(), stdout, ConsoleFactory.Create(Console.Out, !Console.IsOutputRedirected), Console.Error);
return await ReachCli.RunAsync(args, context).ConfigureAwait(false);
