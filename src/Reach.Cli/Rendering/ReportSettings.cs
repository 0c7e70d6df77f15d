namespace Reach.Cli.Rendering;

/// <summary>How the report is to be written, as the options said: the format, the file (null: stdout), the evidence under each text line.</summary>
public sealed record ReportSettings(ReportFormat Format, string? OutFile, bool Verbose);
