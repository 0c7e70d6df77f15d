using System.Diagnostics;
using System.Net;
using Reach.Core.Model;
using Reach.Core.Targets;
using Reach.Core.Text;
using Reach.Engine;
using Reach.Serve.Config;
using Reach.Serve.Policy;

namespace Reach.Serve.Probing;

/// <summary>
/// One probe from request to result, in two steps so that bad input costs nothing: <see cref="Prepare"/>
/// reads the input and judges a literal address (no I/O), <see cref="RunAsync"/> resolves a name and
/// judges its addresses before anything is sent, runs the check within the budget, and judges the
/// addresses the check really probed once more: a name that resolves differently the second time (DNS
/// rebinding) gets a 403, never the result.
/// </summary>
public sealed class ProbeRunner(IServeEngine engine, TimeProvider clock)
{
    public static (PreparedProbe? Probe, ProbeRefusal? Refusal) Prepare(ServeConfig config, string? targetText, string? moduleName, string? scrapeTimeout)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (string.IsNullOrWhiteSpace(targetText))
        {
            return (null, new ProbeRefusal(400, "the target parameter is missing: /probe?target=HOST:PORT"));
        }

        var name = string.IsNullOrEmpty(moduleName) ? ServeConfig.DefaultModule : moduleName;
        if (!config.Modules.TryGetValue(name, out var module))
        {
            var known = string.Join(", ", config.Modules.Keys.Order(StringComparer.Ordinal));
            return (null, new ProbeRefusal(400, moduleName is null
                ? $"the module parameter is missing (there is no module named default): one of {known}"
                : $"unknown module '{InputEcho.Clip(moduleName)}': one of {known}"));
        }

        var parsed = TargetParser.Parse(targetText);
        if (parsed.Target is not { } target)
        {
            return (null, new ProbeRefusal(400, parsed.Error ?? "not a target"));
        }

        if (ProbeBudget.Budget(scrapeTimeout, module.Timeout) is not { } budget)
        {
            return (null, new ProbeRefusal(400, $"{ProbeBudget.Header}: '{InputEcho.Clip(scrapeTimeout)}' is not a number of seconds"));
        }

        if (target.Address is { } literal && TargetPolicy.Refusal(module, literal, target.Port) is { } refusal)
        {
            return (null, new ProbeRefusal(403, refusal));
        }

        return (new PreparedProbe(module, target, budget), null);
    }

    public async Task<(ProbeResult? Result, ProbeRefusal? Refusal)> RunAsync(PreparedProbe probe, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(probe);
        var clockStart = clock.GetTimestamp();
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(probe.Budget);
        var target = probe.Target;
        try
        {
            if (target.Address is null)
            {
                var addresses = await engine.ResolveAsync(target.Host, budget.Token).ConfigureAwait(false);
                if (Refused(probe.Module, addresses, target.Port) is { } refusal)
                {
                    return (null, refusal);
                }
            }

            var options = new ProbeOptions(ProbeBudget.ProbeTimeout(probe.Budget), ProbeOptions.DefaultMaxHops);
            var report = await engine.CheckAsync(target, options, budget.Token).ConfigureAwait(false);
            if (Refused(probe.Module, report.Target.Addresses, target.Port) is { } late)
            {
                return (null, late);
            }

            return (Result(probe, report, clockStart), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The budget ran out: interrupted probes read as silence, so no verdict is made of them.
            return (Result(probe, null, clockStart), null);
        }
        catch (TargetRefusedException e)
        {
            return (null, new ProbeRefusal(400, e.Message));
        }
    }

    private ProbeResult Result(PreparedProbe probe, Report? report, long start) =>
        new(probe.Module.Name, probe.Target.Input, report, clock.GetElapsedTime(start), probe.Budget, clock.GetUtcNow());

    private static ProbeRefusal? Refused(ModuleConfig module, IEnumerable<IPAddress> addresses, int port) =>
        addresses.Select(a => TargetPolicy.Refusal(module, a, port)).FirstOrDefault(r => r is not null) is { } reason
            ? new ProbeRefusal(403, reason)
            : null;

    /// <summary>What /probe?format=json answers when the budget ran out: an inconclusive reach/1 report, with no check in it.</summary>
    public static Report Inconclusive(ProbeResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var parsed = TargetParser.Parse(result.Target).Target;
        return new Report(
            new TargetInfo(result.Target, parsed?.Host ?? result.Target, parsed?.Port, []),
            new Verdict(Codes.Inconclusive, null, result.SummaryMessage, Message.Of("serve.no-verdict.fix")),
            [],
            []);
    }
}
