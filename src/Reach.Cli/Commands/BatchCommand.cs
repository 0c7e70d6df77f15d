using System.CommandLine;
using System.Text;
using Reach.Cli.Batch;
using Reach.Core.Targets;
using Reach.Core.Text;
using Reach.Engine;
using Reach.Engine.Batch;
using Reach.Engine.Remote;

namespace Reach.Cli.Commands;

/// <summary>
/// `reach batch FLOWS.yaml`: the matrix a firewall change is validated with, before and after. Each flow
/// runs where its `from:` says, concurrently (bounded); one line per flow and "N as expected, M not".
/// Exit 0 all as expected, 1 not, 2 a bad file (naming the line), 3 a flow could not be run.
/// </summary>
internal static class BatchCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FLOWS") { Description = "The flows file (YAML): flows: - { name: web, from: ssh://dev2, to: web1:80, expect: reachable } ... `from` is this host (left out), ssh://[USER@]HOST[:PORT] or an agent URL https://HOST:9917; `expect` is reachable, blocked (a firewall or routing verdict, never an inconclusive one) or a verdict code; `source: ADDR` gives the packet's source for --ruleset." };
        var format = new Option<string>("--format")
        {
            Description = "text (one line per flow, then the tally), json (schema reach-batch/1, each flow's reach/1 report inside) or junit (JUnit XML for a CI system).",
            DefaultValueFactory = _ => "text",
            HelpName = "text|json|junit",
        };
        format.AcceptOnlyFromAmong("text", "json", "junit");
        var json = new Option<bool>("--json") { Description = "Short for --format json." };
        var outFile = CommonOptions.Out();
        var parallel = new Option<int>("--parallel", "-j")
        {
            Description = "How many flows run at once.",
            DefaultValueFactory = _ => BatchOptions.DefaultParallel,
            CustomParser = WholeNumber.InRange(1, 64),
            HelpName = "N",
        };
        var timeout = CommonOptions.Timeout();
        var remoteReach = CommonOptions.RemoteReach("The reach to run on ssh:// hosts (default: reach, from the remote PATH). The transport is ssh (BatchMode), or $REACH_SSH_COMMAND run by /bin/sh.");
        var connectTimeout = CommonOptions.ConnectTimeout();
        var ruleset = LocalCommand.RulesetOption();
        ruleset.Description = "Evaluate every flow offline against a proposed ruleset, probing nothing: each flow whose target is an address of the ruleset's host (this host for files, the recorded host for a `reach snapshot` directory) is traced as `reach local PORT --from SOURCE --to TARGET --ruleset ...`; SOURCE is the flow's source:, else the address of its from: host, else this host's source address towards the target. Flows to other hosts are not evaluated (skipped). Formats as for reach local --ruleset; repeatable.";
        var command = new Command("batch", "Run a matrix of flows (who should reach what, and what should be blocked) and say which are as expected: before and after a firewall change, or offline against a proposed ruleset.")
        {
            file, format, json, outFile, parallel, timeout, remoteReach, connectTimeout, ruleset,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            // Return to System.CommandLine first: it registers its Ctrl-C handler only once the action has
            // returned a task, and a signal before that would end the process without a Dispose.
            await Task.Yield();
            var path = parse.GetValue(file)!;
            var chosen = parse.GetValue(json) ? "json" : parse.GetValue(format)!;
            if (parse.GetValue(json) && parse.GetResult(format) is { Implicit: false } && parse.GetValue(format) != "json")
            {
                throw new ReachException(ExitCode.Usage, Message.Of("error.format-conflict", ("format", parse.GetValue(format)!)));
            }

            var probeTimeout = DurationParser.Parse(parse.GetValue(timeout)!)
                ?? throw new ReachException(ExitCode.Usage, Message.Of("error.timeout", ("value", InputEcho.Clip(parse.GetValue(timeout)))));
            var connect = DurationParser.Parse(parse.GetValue(connectTimeout)!)
                ?? throw new ReachException(ExitCode.Usage, Message.Of("error.connect-timeout", ("value", InputEcho.Clip(parse.GetValue(connectTimeout)))));
            var remotePath = parse.GetValue(remoteReach)!;
            if (remotePath.Length == 0)
            {
                throw new ReachException(ExitCode.Usage, Message.Of("error.remote-reach-empty"));
            }

            var outPath = parse.GetValue(outFile);
            if (outPath is not null && Path.GetDirectoryName(Path.GetFullPath(outPath)) is { } folder && !Directory.Exists(folder))
            {
                throw new ReachException(ExitCode.Usage, Message.Of("error.out-dir", ("file", outPath), ("folder", folder)));
            }

            string text;
            try
            {
                text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new ReachException(ExitCode.Usage, Message.Of("error.flows.read", ("file", path), ("message", e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : e.Message)));
            }

            var flows = FlowsFile.Parse(text, path);
            var proposed = await LocalCommand.LoadRulesetAsync(parse.GetValue(ruleset) ?? [], cancellationToken).ConfigureAwait(false);
            if (proposed?.Snapshot is null)
            {
                ClientObservationsGuard.EnsureLinux();
            }

            var options = new BatchOptions(
                new ProbeOptions(probeTimeout, ProbeOptions.DefaultMaxHops),
                new RemoteOptions(remotePath, Environment.GetEnvironmentVariable(SshInvocation.EnvironmentVariable), connect),
                parse.GetValue(parallel),
                proposed);
            var outcomes = await BatchRunner.RunAsync(flows, options, context.Source, cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();

            var offline = proposed is null ? null : string.Join("; ", proposed.Described);
            using var buffer = new MemoryStream();
            switch (chosen)
            {
                case "json":
                    BatchJsonWriter.Write(buffer, path, outcomes, offline);
                    break;
                case "junit":
                    JunitWriter.Write(buffer, path, outcomes, offline);
                    break;
                default:
                    using (var writer = new StreamWriter(buffer, new UTF8Encoding(false), leaveOpen: true))
                    {
                        BatchTextWriter.Write(writer, outcomes, offline, context.Words);
                    }

                    break;
            }

            Emit(context, outPath, buffer.ToArray());
            return Core.Batch.BatchTally.Of(outcomes).ExitCode;
        });
        return command;
    }

    private static void Emit(CliContext context, string? outPath, byte[] bytes)
    {
        if (outPath is null)
        {
            context.StandardOutput.Write(bytes);
            context.StandardOutput.Flush();
            return;
        }

        try
        {
            File.WriteAllBytes(outPath, bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ReachException(ExitCode.CannotRun, context.Words.Get("error.out-write", ("file", outPath), ("message", e.Message)));
        }
    }
}
