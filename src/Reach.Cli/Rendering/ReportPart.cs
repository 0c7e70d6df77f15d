using Reach.Core.Model;

namespace Reach.Cli.Rendering;

/// <summary>
/// Another end of the same diagnosis, rendered after this host's report: the server asked with
/// `--server`, the neighbour with `--compare`. The extension point for the `remote` array of the
/// contract: map each remote entry to one part (title "server via ssh://web1", its report, or the one
/// line that says why it could not be asked) and every writer renders it, picture included.
/// </summary>
public sealed record ReportPart(string Title, Report? Report, string? Error = null);
