using System.CommandLine;
using System.Net;
using Reach.Cli;
using Reach.Cli.Commands;
using Reach.Core.Text;
using Reach.Serve;
using Reach.Serve.Config;
using Reach.Serve.Http;
using Reach.Serve.Probing;

namespace Reach.Serve.Cli;

/// <summary>
/// `reach serve`: the long-running HTTP end for fleets. Prometheus scrapes /probe?target= (the
/// multi-target exporter pattern), `reach check --server https://` asks /local, /metrics is the
/// server's own. Listens on 127.0.0.1:9917 unless told otherwise, and anywhere else only with a way to
/// authenticate clients and a reach.yml that names what may be probed.
/// </summary>
internal static class ServeCommand
{
    public static RootCommand Create(CliContext context)
    {
        var listen = new Option<string>("--listen", "-l")
        {
            Description = "Where to listen: ADDRESS:PORT or [IPv6]:PORT. Any address but loopback needs --token-file or --web-config with client certificates, and --config.",
            DefaultValueFactory = _ => ServeOptions.DefaultListen.ToString(),
            HelpName = "ADDR:PORT",
        };
        var config = new Option<string>("--config", "-c") { Description = "reach.yml: the modules (timeout, family, allowed_targets) and the --schedule checks. Without it, one module 'default' may probe any target but link-local ones, on loopback only.", HelpName = "FILE" };
        var token = new Option<string>("--token-file") { Description = "Require `Authorization: Bearer TOKEN` on every request but /-/healthy and /-/ready; the token is the file's first line.", HelpName = "FILE" };
        var web = new Option<string>("--web-config") { Description = "TLS, in the exporter-toolkit format Prometheus exporters read: tls_server_config with cert_file, key_file, client_ca_file, client_auth_type.", HelpName = "FILE" };
        var schedule = new Option<bool>("--schedule") { Description = "Also run reach.yml's schedule: each check every interval (with jitter); /metrics exports their last results as reach_scheduled_*." };
        var maxConcurrent = new Option<int>("--max-concurrent")
        {
            Description = "Probes and /local runs at once; more wait in the queue.",
            DefaultValueFactory = _ => ServeOptions.DefaultMaxConcurrent,
            CustomParser = WholeNumber.InRange(1, 1024),
            HelpName = "N",
        };
        var maxQueue = new Option<int>("--max-queue")
        {
            Description = "Requests that may wait for a probe slot; beyond that they get 429 Too Many Requests.",
            DefaultValueFactory = _ => ServeOptions.DefaultMaxQueue,
            CustomParser = WholeNumber.InRange(0, 100_000),
            HelpName = "N",
        };
        var command = new RootCommand("reach serve: fleets over HTTP. /probe?target=HOST:PORT for Prometheus (probe_success, reach_verdict{code,layer}), /local for `reach check --server https://`, /metrics. Reload with SIGHUP or POST /-/reload.\n"
            + "Exit status: 0 stopped, 2 bad input (a config file names its line), 3 it could not listen.")
        {
            listen, config, token, web, schedule, maxConcurrent, maxQueue, CommonOptions.Lang(),
        };

        if (!context.Words.IsEnglish)
        {
            HelpText.Localize(command, context.Words.Catalog, "reach-serve");
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var endpoint = ParseListen(parse.GetValue(listen)!);
            var options = new ServeOptions(endpoint, parse.GetValue(config), parse.GetValue(token), parse.GetValue(web), parse.GetValue(schedule), parse.GetValue(maxConcurrent), parse.GetValue(maxQueue));
            ServeSettings settings;
            try
            {
                settings = ServeStartup.Load(options);
            }
            catch (ConfigException e)
            {
                throw new ReachException(ExitCode.Usage, e.Line > 0
                    ? Message.Of("error.serve.config-line", ("file", e.File), ("line", e.Line.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("problem", e.Problem))
                    : Message.Of("error.serve.config", ("file", e.File), ("problem", e.Problem)));
            }
            catch (ServeRefusedException e)
            {
                throw new ReachException(ExitCode.Usage, e.Text);
            }

            ClientObservationsGuard.EnsureLinux();
            await using var host = ServeHost.Create(options, settings, new LiveServeEngine(context.Source), new ServeRenderer(), context.StandardError, TimeProvider.System);
            try
            {
                await host.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                throw new ReachException(ExitCode.CannotRun, Message.Of("error.serve.listen", ("address", endpoint.ToString()), ("message", e.Message)));
            }

            var scheme = settings.Web is null ? "http" : "https";
            var auth = settings.Token is not null ? "bearer token" : settings.Web?.AuthenticatesClients == true ? "client certificates" : "none (loopback)";
            var modules = string.Join(", ", settings.Config.Modules.Keys.Order(StringComparer.Ordinal));
            host.Context.Log.Line($"reach serve: listening on {scheme}://{endpoint}; authentication: {auth}; modules: {modules}{(options.Schedule ? $"; {settings.Config.Schedule.Count} scheduled check(s)" : string.Empty)}");
            if (settings.Token is not null && settings.Web is null && !IPAddress.IsLoopback(endpoint.Address))
            {
                host.Context.Log.Line("reach serve: warning: the bearer token crosses the network in clear text; give --web-config with tls_server_config to encrypt it");
            }

            try
            {
                await host.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C through System.CommandLine: a normal stop.
            }

            host.Context.Log.Line("reach serve: stopped");
            return (int)ExitCode.Ok;
        });
        return command;
    }

    internal static IPEndPoint ParseListen(string text)
    {
        var t = text.Trim();
        return IPEndPoint.TryParse(t, out var endpoint) && endpoint.Port is > 0 and <= 65535 && (t.Contains(':', StringComparison.Ordinal) && (t.StartsWith('[') || t.Count(c => c == ':') == 1))
            ? endpoint
            : throw new ReachException(ExitCode.Usage, Message.Of("error.serve.listen-address", ("value", Reach.Core.Targets.InputEcho.Clip(text))));
    }
}
