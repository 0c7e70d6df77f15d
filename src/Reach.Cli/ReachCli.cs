using System.CommandLine;
using Reach.Cli.Commands;
using Reach.Cli.Rendering;
using Reach.Readers;

namespace Reach.Cli;

/// <summary>
/// The command tree and the mapping of failures to the contract's exit codes: 2 and a message on
/// stderr for bad input (nothing on stdout), 3 when the diagnosis itself cannot run.
/// </summary>
internal static class ReachCli
{
    public static Task<int> RunAsync(string[] args, CliContext context) => RunAsync(args, context, Build);

    /// <param name="build">The command tree: reach's own, or reach-serve's (the same errors and exit codes for both).</param>
    internal static async Task<int> RunAsync(string[] args, CliContext context, Func<CliContext, RootCommand> build)
    {
        var (language, languageError) = LanguageChoice.Choose(args, Environment.GetEnvironmentVariable);
        context = context with { Words = ReportWords.For(language) };
        var words = context.Words;
        if (languageError is not null)
        {
            await context.StandardError.WriteLineAsync($"reach: {languageError}").ConfigureAwait(false);
            return (int)ExitCode.Usage;
        }

        // `reach serve` is a second binary beside this one (ServeLauncher says why): it replaces this process.
        if (build == Build && args is ["serve", ..])
        {
            return await ServeLauncher.ExecAsync(args[1..], context).ConfigureAwait(false);
        }

        var root = build(context);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await context.StandardError.WriteLineAsync($"reach: {error.Message}").ConfigureAwait(false);
            }

            await context.StandardError.WriteLineAsync(words["error.usage-hint"]).ConfigureAwait(false);
            return (int)ExitCode.Usage;
        }

        try
        {
            // Ctrl-C and SIGTERM cancel the command's token (ProcessTerminationTimeout must be given: without it no
            // handler is registered and the signal's default action ends the process at once, skipping every Dispose:
            // a tracefs instance of the watch's would stay). The command then has 5 s to detach and say so.
            var invocation = new InvocationConfiguration
            {
                EnableDefaultExceptionHandler = false,
                Output = Console.Out,
                Error = context.StandardError,
                ProcessTerminationTimeout = TimeSpan.FromSeconds(5),
            };
            var exit = await parse.InvokeAsync(invocation).ConfigureAwait(false);
            if (context.StandardOutput is GuardedOutputStream { Failure: { } failure })
            {
                // The diagnosis ran: its exit status stands; only say the report was lost (a full disk, an I/O error).
                await context.StandardError.WriteLineAsync($"reach: {words.Get("error.stdout-lost", ("message", failure.Message))}").ConfigureAwait(false);
            }

            return exit;
        }
        catch (ReachException e)
        {
            await context.StandardError.WriteLineAsync($"reach: {(e.Text is { } text ? words.Catalog.Format(text) : e.Message)}").ConfigureAwait(false);
            return (int)e.ExitCode;
        }
        catch (SystemReadException e)
        {
            await context.StandardError.WriteLineAsync($"reach: {words.Get("error.cannot-read", ("message", e.Message))}").ConfigureAwait(false);
            return (int)ExitCode.CannotRun;
        }
        catch (OperationCanceledException)
        {
            await context.StandardError.WriteLineAsync($"reach: {words["error.interrupted"]}").ConfigureAwait(false);
            return 130;
        }
#pragma warning disable CA1031 // The contract: whatever went wrong inside, say it and exit 3, never a stack trace on stdout.
        catch (Exception e)
#pragma warning restore CA1031
        {
            await context.StandardError.WriteLineAsync($"reach: {words.Get("error.failed", ("message", $"{e.GetType().Name}: {e.Message}"))}").ConfigureAwait(false);
            return (int)ExitCode.CannotRun;
        }
    }

    /// <summary>The command tree, its --help said in the context's language.</summary>
    internal static RootCommand Build(CliContext context)
    {
        var root = new RootCommand("reach: why can't this host talk to that host on that port? One verdict: the failing layer, its evidence, the fix.\n"
            + "Read-only. Exit status: 0 nothing wrong, 1 a problem was diagnosed, 2 bad input, 3 the diagnosis could not run or stayed inconclusive.")
        {
            CheckCommand.Create(context),
            LocalCommand.Create(context),
            SnapshotCommand.Create(context),
            BatchCommand.Create(context),
            ExplainCommand.Create(context),
            ServeLauncher.Command(),
        };

        root.Options.Add(CommonOptions.Lang());
        if (!context.Words.IsEnglish)
        {
            HelpText.Localize(root, context.Words.Catalog);
        }

        return root;
    }
}
