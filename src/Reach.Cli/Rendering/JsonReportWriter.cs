using Reach.Core.Contract;
using Reach.Core.Joining;
using Reach.Core.Model;

namespace Reach.Cli.Rendering;

/// <summary>
/// Writes the reach/1 JSON object: the contract itself lives in Reach.Core.Contract (one definition for
/// this writer, the remote parser and `reach serve`, docs/reach-1.schema.json).
/// </summary>
public static class JsonReportWriter
{
    /// <param name="remotes">The remote ends of --server/--compare: written as "remote", each with its own reach/1 object.</param>
    public static void Write(Stream stream, Report report, IReadOnlyList<RemoteEnd>? remotes = null) => ReportJson.Write(stream, report, remotes);

    public static string Name(Layer layer) => Code.LayerName(layer);

    public static string Name(CheckStatus status) => status.ToString().ToLowerInvariant();
}
