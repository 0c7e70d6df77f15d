namespace Reach.Cli.Explain;

/// <summary>One code as docs/verdicts.md (or a translation) explains it; the columns a table lacks are null.</summary>
public sealed record VerdictEntry(string Code, string Meaning, string? Evidence, string? Fix, string? LabFault, string? Status);
