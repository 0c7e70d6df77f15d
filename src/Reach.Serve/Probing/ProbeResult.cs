using Reach.Core.Model;
using Reach.Core.Text;

namespace Reach.Serve.Probing;

/// <summary>One finished /probe (or scheduled check): its report, or none when the budget ran out first.</summary>
/// <param name="Report">Null when the budget ran out: interrupted probes read as silence, so no verdict is made of them.</param>
public sealed record ProbeResult(string Module, string Target, Report? Report, TimeSpan Duration, TimeSpan Budget, DateTimeOffset Finished)
{
    public bool Success => Report?.Verdict.IsOk == true;

    public string Code => Report?.Verdict.Code.Name ?? Codes.Inconclusive.Name;

    public string Layer => Report?.Verdict.Layer is { } layer ? Reach.Core.Model.Code.LayerName(layer) : string.Empty;

    /// <summary>4 or 6: the family of the address the verdict is about; 0 when none was probed.</summary>
    public int IpProtocol => Report?.Target.Addresses is [var first, ..]
        ? (first.IsIPv4MappedToIPv6 || first.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 4 : 6)
        : 0;

    /// <summary>The verdict's one sentence, or why there is none.</summary>
    public Message SummaryMessage => Report?.Verdict.Summary ?? Message.Of("serve.no-verdict", ("budget", Config.Durations.Format(Budget)));

    /// <summary>The verdict's one sentence in English (the landing page and the log speak English).</summary>
    public string Summary => Catalog.English.Format(SummaryMessage);
}
