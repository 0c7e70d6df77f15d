using System.CommandLine;
using Reach.Engine;
using Reach.Cli.Rendering;
using Reach.Core.Model;
using Reach.Core.Targets;
using Reach.Probes;

namespace Reach.Cli.Commands;

/// <summary>`reach check TARGET`: why can't this host reach TARGET? The client side of the seed's procedure.</summary>
internal static class CheckCommand
{
    public static Command Create(CliContext context)
    {
        var target = new Argument<string>("TARGET")
        {
            Description = "host:port, ip:port, [v6]:port, a URL (http://web1/ means port 80), or a host with --port. A Unicode name is looked up in its IDNA form (xn--...); multicast, broadcast and unspecified addresses are refused.",
        };
        var port = PortOption.Create();
        var timeout = CommonOptions.Timeout();
        var maxHops = new Option<int>("--max-hops")
        {
            Description = "How far the TCP trace goes, when the target stays silent (it probes in small waves and stops at the first end).",
            DefaultValueFactory = _ => ProbeOptions.DefaultMaxHops,
            CustomParser = WholeNumber.InRange(1, 64),
            HelpName = "N",
        };
        var output = new ReportOptions();
        var command = new Command("check", "Why can't this host reach TARGET? Checks link, interface, gateway, DNS, route and port, concurrently, and gives one verdict.")
        {
            target, port, timeout, maxHops,
        };
        output.AddTo(command);

        command.SetAction(async (parse, cancellationToken) =>
        {
            var parsed = TargetParser.Parse(parse.GetValue(target), parse.GetValue(port));
            if (parsed.Target is null)
            {
                throw new ReachException(ExitCode.Usage, parsed.Error!);
            }

            var probeTimeout = DurationParser.Parse(parse.GetValue(timeout)!)
                ?? throw new ReachException(ExitCode.Usage, $"--timeout '{InputEcho.Clip(parse.GetValue(timeout))}' is not a duration such as 2, 1.5s or 500ms (at most 60s)");
            var hops = parse.GetValue(maxHops);
            var settings = output.Read(parse, context);

            ClientObservationsGuard.EnsureLinux();
            Report report;
            using var status = ReportOutput.StatusLine(context, settings);
            try
            {
                report = await ClientCheck.RunAsync(parsed.Target, new ProbeOptions(probeTimeout, hops, status.Waiting) { Observed = status.Observed }, context.Source, cancellationToken).ConfigureAwait(false);
            }
            catch (TargetRefusedException e)
            {
                throw new ReachException(ExitCode.Usage, $"'{InputEcho.Clip(parsed.Target.Input)}': {e.Message}");
            }

            // Interrupted probes read as silence: never print a verdict made of them.
            cancellationToken.ThrowIfCancellationRequested();
            status.Clear();
            ReportOutput.Write(context, settings, report, $"reach check {parsed.Target.Input}: {parsed.Target.Display} port {parsed.Target.Port}");

            return (int)ExitFor(report.Verdict);
        });
        return command;
    }

    public static ExitCode ExitFor(Verdict verdict) =>
        verdict.IsOk ? ExitCode.Ok : verdict.Code == Codes.Inconclusive ? ExitCode.CannotRun : ExitCode.Problem;
}
