using System.CommandLine;
using Reach.Engine;
using Reach.Cli.Rendering;
using Reach.Core.Joining;
using Reach.Core.Model;
using Reach.Core.Targets;
using Reach.Core.Text;
using Reach.Engine.Remote;
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
        var server = new Option<string>("--server")
        {
            Description = "Also run `reach local PORT --from US --watch` on the target while this host probes, and join both ends into one verdict: over SSH (ssh://[USER@]HOST[:PORT]) or from its reach serve (https://HOST[:PORT], port 9917 by default).",
            HelpName = "ssh://HOST|https://HOST",
        };
        var compare = new Option<string[]>("--compare")
        {
            Description = "Run the same check on a neighbour at the same time and compare (repeatable): over SSH, or from its reach serve (https://HOST[:PORT]).",
            HelpName = "ssh://HOST|https://HOST",
            AllowMultipleArgumentsPerToken = false,
        };
        var remoteReach = CommonOptions.RemoteReach("The reach to run on the remote hosts (default: reach, from the remote PATH). The transport is ssh (BatchMode), or $REACH_SSH_COMMAND run by /bin/sh as git runs GIT_SSH_COMMAND.");
        var connectTimeout = CommonOptions.ConnectTimeout();
        var tokenFile = new Option<string>("--token-file") { Description = "For https:// remotes: the bearer token their reach serve requires (the file's first line).", HelpName = "FILE" };
        var caCert = new Option<string>("--cacert") { Description = "For https:// remotes: verify their certificate against this CA (PEM) instead of the system's store.", HelpName = "FILE" };
        var cert = new Option<string>("--cert") { Description = "For https:// remotes that require a client certificate: the certificate (PEM), with --key.", HelpName = "FILE" };
        var key = new Option<string>("--key") { Description = "The private key (PEM) of --cert.", HelpName = "FILE" };
        var output = new ReportOptions();
        var command = new Command("check", "Why can't this host reach TARGET? Checks link, interface, gateway, DNS, route and port, concurrently, and gives one verdict.")
        {
            target, port, timeout, maxHops, server, compare, remoteReach, connectTimeout, tokenFile, caCert, cert, key,
        };
        output.AddTo(command);

        command.SetAction(async (parse, cancellationToken) =>
        {
            // Return to System.CommandLine first: it registers its Ctrl-C handler only once the action has
            // returned a task, and a signal before that would end the process without a Dispose.
            await Task.Yield();
            var parsed = TargetParser.Parse(parse.GetValue(target), parse.GetValue(port));
            if (parsed.Target is null)
            {
                throw new ReachException(ExitCode.Usage, parsed.Problem!);
            }

            var probeTimeout = DurationParser.Parse(parse.GetValue(timeout)!)
                ?? throw new ReachException(ExitCode.Usage, Message.Of("error.timeout", ("value", InputEcho.Clip(parse.GetValue(timeout)))));
            var hops = parse.GetValue(maxHops);
            var settings = output.Read(parse, context);

            var requests = Remotes(parse.GetValue(server), parse.GetValue(compare) ?? []);
            var connect = DurationParser.Parse(parse.GetValue(connectTimeout)!)
                ?? throw new ReachException(ExitCode.Usage, Message.Of("error.connect-timeout", ("value", InputEcho.Clip(parse.GetValue(connectTimeout)))));
            var remotePath = parse.GetValue(remoteReach)!;
            if (remotePath.Length == 0)
            {
                throw new ReachException(ExitCode.Usage, Message.Of("error.remote-reach-empty"));
            }

            ClientObservationsGuard.EnsureLinux();
            var title = context.Words.Get("report.title.check", ("input", parsed.Target.Input), ("target", parsed.Target.Display), ("port", parsed.Target.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Report report;
            using var status = ReportOutput.StatusLine(context, settings);
            var probe = new ProbeOptions(probeTimeout, hops, status.Waiting) { Observed = status.Observed };
            try
            {
                if (requests.Count > 0)
                {
                    var options = new RemoteOptions(remotePath, Environment.GetEnvironmentVariable(SshInvocation.EnvironmentVariable), connect)
                    {
                        Agent = new AgentCredentials(parse.GetValue(tokenFile), parse.GetValue(caCert), parse.GetValue(cert), parse.GetValue(key)),
                    };
                    var (joined, _, remotes) = await CrossHostCheck.RunAsync(parsed.Target, probe, requests, options, parse.GetValue(port), context.Source, cancellationToken).ConfigureAwait(false);
                    cancellationToken.ThrowIfCancellationRequested();
                    status.Clear();
                    ReportOutput.Write(context, settings, joined, title, remotes);

                    return (int)ExitFor(joined.Verdict);
                }

                report = await ClientCheck.RunAsync(parsed.Target, probe, context.Source, cancellationToken).ConfigureAwait(false);
            }
            catch (AgentSetupException e)
            {
                throw new ReachException(ExitCode.Usage, e.Reason);
            }
            catch (TargetRefusedException e)
            {
                throw new ReachException(ExitCode.Usage, Message.Of("error.target.refused", ("input", InputEcho.Clip(parsed.Target.Input))).With("reason", e.Reason));
            }

            // Interrupted probes read as silence: never print a verdict made of them.
            cancellationToken.ThrowIfCancellationRequested();
            status.Clear();
            ReportOutput.Write(context, settings, report, title);

            return (int)ExitFor(report.Verdict);
        });
        return command;
    }

    private static List<RemoteRequest> Remotes(string? server, string[] compare)
    {
        var list = new List<RemoteRequest>();
        foreach (var (role, text) in (server is null ? [] : new[] { (RemoteRole.Server, server) }).Concat(compare.Select(c => (RemoteRole.Compare, c))))
        {
            IRemoteDestination? destination = null;
            Message? error = null;
            var parsed = AgentDestination.IsAgent(text)
                ? AgentDestination.TryParse(text, out var agent, out error) && (destination = agent) is not null
                : SshDestination.TryParse(text, out var ssh, out error) && (destination = ssh) is not null;
            if (!parsed)
            {
                throw new ReachException(ExitCode.Usage, Message.Of("error.remote-address", ("option", role == RemoteRole.Server ? "--server" : "--compare")).With("reason", error));
            }

            list.Add(new RemoteRequest(role, destination!));
        }

        return list;
    }

    public static ExitCode ExitFor(Verdict verdict) =>
        verdict.IsOk ? ExitCode.Ok : verdict.Code == Codes.Inconclusive ? ExitCode.CannotRun : ExitCode.Problem;
}
