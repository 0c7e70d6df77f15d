using Reach.Core.Model;

namespace Reach.Serve;

/// <summary>The reports as the CLI writes them (reach/1 JSON, the text report), handed in by the CLI so that /probe?format=json is byte for byte `reach check --json`.</summary>
public interface IReportRenderer
{
    void WriteJson(Stream stream, Report report);

    /// <summary>The text report, with its evidence, in English.</summary>
    void WriteText(Stream stream, Report report, string title);
}
