using System.CommandLine;
using System.Globalization;
using System.Net;
using Reach.Engine;
using Reach.Cli.Rendering;
using Reach.Core.Model;

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
        var to = new Option<string>("--to", "-t") { Description = "The address the client connects to: a secondary address, a service or load-balancer IP (default: this host's address towards the client).", HelpName = "ADDR" };
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var command = new Command("local", "Why can't others reach my PORT? Checks the listener and traces the client's packet through this host's firewall.")
        {
            portArgument, from, to, json, verbose,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            var (port, protocol) = ParsePort(parse.GetValue(portArgument) ?? string.Empty);
            IPAddress? client = null;
            if (parse.GetValue(from) is { } text && !IPAddress.TryParse(text, out client))
            {
                throw new ReachException(ExitCode.Usage, $"--from '{text}' is not an IP address");
            }

            IPAddress? target = null;
            if (parse.GetValue(to) is { } toText && !IPAddress.TryParse(toText, out target))
            {
                throw new ReachException(ExitCode.Usage, $"--to '{toText}' is not an IP address");
            }

            if (client is not null && target is not null && client.AddressFamily != target.AddressFamily)
            {
                throw new ReachException(ExitCode.Usage, $"--from {client} and --to {target} are of different address families");
            }

            ClientObservationsGuard.EnsureLinux();
            var (report, observations) = await LocalCheck.RunAsync(port, protocol, client, target, context.Source, cancellationToken).ConfigureAwait(false);
            var input = report.Target.Input;
            if (parse.GetValue(json))
            {
                JsonReportWriter.Write(context.StandardOutput, report);
            }
            else
            {
                var who = observations.ClientGiven ? observations.Client.ToString() : $"any off-host address ({observations.Client})";
                TextReportWriter.Write(context.Console, report with { Target = report.Target with { Addresses = [] } },
                    $"reach local {input}: from {who} to {observations.LocalAddress}{(observations.InInterface is null ? string.Empty : $" on {observations.InInterface}")}",
                    parse.GetValue(verbose));
            }

            return (int)CheckCommand.ExitFor(report.Verdict);
        });
        return command;
    }

    internal static (int Port, string Protocol) ParsePort(string text)
    {
        var t = text.Trim();
        var slash = t.IndexOf('/', StringComparison.Ordinal);
        var protocol = slash >= 0 ? t[(slash + 1)..].ToLowerInvariant() : "tcp";
        var number = slash >= 0 ? t[..slash] : t;
        if (protocol is not ("tcp" or "udp"))
        {
            throw new ReachException(ExitCode.Usage, $"'{text}': the protocol must be tcp or udp");
        }

        if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new ReachException(ExitCode.Usage, $"'{text}': '{number}' is not a port (1 to 65535)");
        }

        return (port, protocol);
    }
}
