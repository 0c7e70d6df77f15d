using System.CommandLine;
using System.Globalization;
using System.Net;
using Reach.Engine;
using Reach.Cli.Rendering;
using Reach.Core.Model;
using Reach.Core.Targets;
using Reach.Core.Text;
using Reach.Readers;

namespace Reach.Cli.Commands;

/// <summary>
/// `reach local PORT[/tcp|/udp]`: why can't others reach my PORT? The server side of the seed's
/// procedure: who listens (netstat -lnp), and which firewall rule decides (iptables -L), traced.
/// </summary>
internal static class LocalCommand
{
    public static Command Create(CliContext context)
    {
        var portArgument = new Argument<string>("PORT") { Description = "The port, optionally with its protocol: 80, 80/tcp, 53/udp." };
        var from = new Option<string>("--from", "-f") { Description = "The client's address: evaluate the firewall for a packet from it (default: any off-host address).", HelpName = "ADDR" };
        var watch = new Option<bool>("--watch") { Description = "Also watch the wire for the client's SYNs (--from) and say what happened to them: arrived where, what this host sent back, whether it has a route back. Read-only; needs CAP_NET_RAW." };
        var duration = new Option<string>("--duration") { Description = "How long --watch watches.", DefaultValueFactory = _ => "5s", HelpName = "DURATION" };
        var stopOnEof = new Option<bool>("--stop-on-eof") { Description = "End --watch early when standard input closes (reach check --server closes it when its probes are done)." };
        var to = new Option<string>("--to", "-t") { Description = "The address the client connects to: a secondary address, a service or load-balancer IP (default: this host's address towards the client).", HelpName = "ADDR" };
        var ruleset = RulesetOption();
        var output = new ReportOptions();
        var command = new Command("local", "Why can't others reach my PORT? Checks the listener and traces the client's packet through this host's firewall.")
        {
            portArgument, from, to, watch, duration, stopOnEof, ruleset,
        };
        output.AddTo(command);

        command.SetAction(async (parse, cancellationToken) =>
        {
            // Return to System.CommandLine first: it registers its Ctrl-C handler only once the action has
            // returned a task, and a signal before that would end the process without a Dispose.
            await Task.Yield();
            var (port, protocol) = ParsePort(parse.GetValue(portArgument) ?? string.Empty);
            var client = ParseClient(parse.GetValue(from));
            var settings = output.Read(parse, context);

            IPAddress? target = null;
            if (parse.GetValue(to) is { } toText && !IPAddress.TryParse(toText, out target))
            {
                throw new ReachException(ExitCode.Usage, Message.Of("error.to-not-address", ("value", toText)));
            }

            if (client is not null && target is not null && client.AddressFamily != target.AddressFamily)
            {
                throw new ReachException(ExitCode.Usage, Message.Of("error.families", ("client", client.ToString()), ("target", target.ToString())));
            }

            var rulesetPaths = parse.GetValue(ruleset) ?? [];
            if (rulesetPaths.Length > 0 && parse.GetValue(watch))
            {
                throw new ReachException(ExitCode.Usage, Message.Of("error.ruleset-watch"));
            }

            var proposed = await LoadRulesetAsync(rulesetPaths, cancellationToken).ConfigureAwait(false);
            if (proposed?.Snapshot is null)
            {
                ClientObservationsGuard.EnsureLinux();
            }

            Report report;
            Reach.Core.Observations.LocalObservations observations;
            if (parse.GetValue(watch))
            {
                (report, observations) = await WatchAsync(context, port, protocol, client, parse.GetValue(duration)!, parse.GetValue(stopOnEof), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                (report, observations) = await LocalCheck.RunAsync(port, protocol, client, target, context.Source, proposed, cancellationToken).ConfigureAwait(false);
            }

            var input = report.Target.Input;
            var who = observations.ClientGiven
                ? Message.Of("report.title.client", ("address", observations.Client.ToString()))
                : Message.Of("report.title.any-client", ("address", observations.Client.ToString()));
            var local = observations.LocalAddress.ToString();
            var title = context.Words.Catalog.Format((observations.InInterface is { } inInterface
                ? Message.Of("report.title.local.on", ("input", input), ("address", local), ("interface", inInterface))
                : Message.Of("report.title.local", ("input", input), ("address", local))).With("client", who));

            // The text report names the address in its title already; the JSON keeps it in target.addresses.
            ReportOutput.Write(context, settings, settings.Format == ReportFormat.Json ? report : report with { Target = report.Target with { Addresses = [] } }, title);

            return (int)CheckCommand.ExitFor(report.Verdict);
        });
        return command;
    }

    /// <summary>--ruleset: a proposed ruleset evaluated offline, before it is applied (repeatable: iptables-save and ip6tables-save, nft -j, ipset save, a snapshot).</summary>
    internal static Option<string[]> RulesetOption() => new("--ruleset")
    {
        Description = "Evaluate a proposed ruleset offline instead of the rules loaded now: an iptables-save or ip6tables-save file, `nft -j list ruleset` output, an `ipset save` file (the format is told from the text; repeatable, e.g. IPv4 and IPv6), or a `reach snapshot` directory (its interfaces, listeners and routes too; files given with it replace its rules). Nothing is applied. A file that does not parse is exit 2, naming the line.",
        HelpName = "FILE|DIR",
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>The proposed ruleset, checked; a file that does not parse is bad input (exit 2) naming its line.</summary>
    internal static async Task<ProposedRuleset?> LoadRulesetAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        if (paths.Count == 0)
        {
            return null;
        }

        try
        {
            return await ProposedRuleset.LoadAsync(paths, cancellationToken).ConfigureAwait(false);
        }
        catch (RulesetFileException e)
        {
            throw new ReachException(ExitCode.Usage, Message.Of("error.ruleset", ("message", e.Message)));
        }
    }

    // The client is the source of the packet traced: a multicast, broadcast or unspecified source is a
    // martian that Linux drops on input (ip_route_input_slow, RFC 1812 §5.3.7), so no rule would see it.
    internal static IPAddress? ParseClient(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var client = TargetParser.ParseAddress(text)
            ?? throw new ReachException(ExitCode.Usage, Message.Of("error.from-not-address", ("value", InputEcho.Clip(text))));
        return NonUnicastAddress.Refusal(client) is { } refusal
            ? throw new ReachException(ExitCode.Usage, Message.Of("error.from-refused", ("client", client.ToString())).With("reason", refusal))
            : client;
    }

    private static async Task<(Report, Reach.Core.Observations.LocalObservations)> WatchAsync(CliContext context, int port, string protocol, IPAddress? client, string durationText, bool stopOnEof, CancellationToken cancellationToken)
    {
        if (client is null)
        {
            throw new ReachException(ExitCode.Usage, Message.Of("error.watch-needs-from"));
        }

        var window = DurationParser.Parse(durationText)
            ?? throw new ReachException(ExitCode.Usage, Message.Of("error.duration", ("value", InputEcho.Clip(durationText))));
        Task? eof = stopOnEof ? Task.Run(() => Console.OpenStandardInput().CopyToAsync(Stream.Null, cancellationToken), cancellationToken) : null;

        // The line goes to stderr: reach check --server waits for it before it probes (RemoteRun.WatchingLine).
        var (report, observations, _) = await LocalWatch.RunAsync(port, protocol, client, window, eof,
            line => { context.StandardError.WriteLine($"reach: {line}"); context.StandardError.Flush(); },
            context.Source, cancellationToken).ConfigureAwait(false);
        return (report, observations);
    }

    internal static (int Port, string Protocol) ParsePort(string text)
    {
        var t = text.Trim();
        var slash = t.IndexOf('/', StringComparison.Ordinal);
        var protocol = slash >= 0 ? t[(slash + 1)..].ToLowerInvariant() : "tcp";
        var number = slash >= 0 ? t[..slash] : t;
        if (protocol is not ("tcp" or "udp"))
        {
            throw new ReachException(ExitCode.Usage, Message.Of("error.protocol", ("value", InputEcho.Clip(text))));
        }

        if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new ReachException(ExitCode.Usage, Message.Of("error.local-port", ("value", InputEcho.Clip(text)), ("port", InputEcho.Clip(number))));
        }

        return (port, protocol);
    }
}
