using System.Text;
using Reach.Cli.Rendering;
using Reach.Core.Contract;
using Reach.Core.Model;

namespace Reach.Serve.Cli;

/// <summary>The CLI's own writers for reach serve: /probe?format=json is what `reach check --json` prints, debug=true what `reach check --verbose` prints.</summary>
internal sealed class ServeRenderer : IReportRenderer
{
    public void WriteJson(Stream stream, Report report) => ReportJson.Write(stream, report);

    public void WriteText(Stream stream, Report report, string title)
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
        TextReportWriter.Write(ConsoleFactory.Create(writer, interactive: false), report, title, verbose: true, ReportWords.English);
    }
}
