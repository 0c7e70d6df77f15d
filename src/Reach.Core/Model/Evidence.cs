namespace Reach.Core.Model;

/// <summary>One fact a finding rests on: where it came from (a file, a command, a probe) and what it said.</summary>
public sealed record Evidence(string Source, string Detail);
