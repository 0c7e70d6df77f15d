namespace Reach.Cli.Rendering;

/// <summary>`--format`: coloured text for a terminal, the reach/1 JSON for scripts, Markdown for tickets and chat, one self-contained HTML file.</summary>
public enum ReportFormat
{
    Text,
    Json,
    Markdown,
    Html,
}
