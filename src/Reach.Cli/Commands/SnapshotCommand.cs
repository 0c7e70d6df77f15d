using System.CommandLine;
using System.Net;
using Reach.Readers;
using Reach.Readers.Sources;

namespace Reach.Cli.Commands;

/// <summary>
/// `reach snapshot --out DIR`: records everything the readers see (files, /sys, iproute2's answers) into
/// DIR, laid out so that the same readers replay it. A report from the field becomes a test fixture.
/// </summary>
internal static class SnapshotCommand
{
    public static Command Create(CliContext context)
    {
        var output = new Option<string>("--out", "-o") { Description = "The directory to write (created if needed).", Required = true, HelpName = "DIR" };
        var routeTo = new Option<string[]>("--route-to")
        {
            Description = "Also record the kernel's route decision for these addresses (repeatable).",
            HelpName = "ADDRESS",
            AllowMultipleArgumentsPerToken = true,
        };
        var local = new Option<string>("--local") { Description = "Also record everything `reach local PORT` reads (with --from and --to as it takes them): its replay gives the same verdict.", HelpName = "PORT" };
        var from = new Option<string>("--from") { Description = "With --local: the client's address.", HelpName = "ADDR" };
        var to = new Option<string>("--to") { Description = "With --local: the address the client connects to.", HelpName = "ADDR" };
        var command = new Command("snapshot", "Record what the readers see into a directory, for a bug report or a test fixture. Reads only.") { output, routeTo, local, from, to };
        command.SetAction(async (parse, cancellationToken) =>
        {
            // Return to System.CommandLine first: it registers its Ctrl-C handler only once the action has
            // returned a task, and a signal before that would end the process without a Dispose.
            await Task.Yield();
            var addresses = new List<IPAddress>();
            foreach (var text in parse.GetValue(routeTo) ?? [])
            {
                addresses.Add(IPAddress.TryParse(text, out var a) ? a : throw new ReachException(ExitCode.Usage, Reach.Core.Text.Message.Of("error.route-to", ("value", Reach.Core.Targets.InputEcho.Clip(text)))));
            }

            var dir = Path.GetFullPath(parse.GetValue(output)!);
            if (File.Exists(dir))
            {
                throw new ReachException(ExitCode.Usage, Reach.Core.Text.Message.Of("error.snapshot-out-file", ("dir", dir)));
            }

            Directory.CreateDirectory(dir);
            var reader = new SystemReader(new RecordingSystem(context.Source, dir));
            var interfaces = await reader.InterfacesAsync(cancellationToken).ConfigureAwait(false);
            await reader.RoutesAsync(cancellationToken).ConfigureAwait(false);
            await reader.NeighboursAsync(cancellationToken).ConfigureAwait(false);
            foreach (var address in addresses)
            {
                await reader.RouteGetAsync(address, cancellationToken).ConfigureAwait(false);
            }

            await reader.ListenersAsync(cancellationToken).ConfigureAwait(false);
            reader.ListenOverflows();
            await new FirewallReader(reader.Source).ReadAsync(cancellationToken).ConfigureAwait(false);
            reader.Resolver();
            reader.HostsFile();
            reader.ConfigFiles();
            reader.Source.ReadFile("/etc/nsswitch.conf");
            reader.Source.ReadFile("/proc/sys/kernel/hostname");
            new DropCounterReader(reader.Source).Read();
            if (parse.GetValue(local) is { } portText)
            {
                var (port, protocol) = LocalCommand.ParsePort(portText);
                var client = LocalCommand.ParseClient(parse.GetValue(from));
                IPAddress? target = null;
                if (parse.GetValue(to) is { } toText && !IPAddress.TryParse(toText, out target))
                {
                    throw new ReachException(ExitCode.Usage, Reach.Core.Text.Message.Of("error.to-not-address", ("value", toText)));
                }

                await Reach.Engine.LocalCheck.RunAsync(port, protocol, client, target, reader.Source, cancellationToken).ConfigureAwait(false);
            }

            var files = Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Count();
            await context.StandardError.WriteLineAsync($"reach snapshot: {files} files for {interfaces.Count} interfaces written to {dir}").ConfigureAwait(false);
            return (int)ExitCode.Ok;
        });
        return command;
    }
}
