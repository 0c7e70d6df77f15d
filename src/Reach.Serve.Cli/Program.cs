using System.Text;
using Reach.Cli;
using Reach.Cli.Commands;
using Reach.Cli.Rendering;
using Reach.Readers.Sources;
using Reach.Serve.Cli;

// reach-serve: what `reach serve ARGS` runs. The same plumbing as reach (messages in the reader's
// language, exit codes 2 and 3), with one command at its root.
var stdout = GuardedOutputStream.OpenStandardOutput();
Console.SetOut(new StreamWriter(stdout, new UTF8Encoding(false)) { AutoFlush = true });
var context = new CliContext(new LiveSystem(), stdout, ConsoleFactory.Create(Console.Out, !Console.IsOutputRedirected), Console.Error);
return await ReachCli.RunAsync(args, context, ServeCommand.Create).ConfigureAwait(false);
