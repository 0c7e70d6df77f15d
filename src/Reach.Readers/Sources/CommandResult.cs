namespace Reach.Readers.Sources;

/// <summary>What a command printed and how it exited.</summary>
public sealed record CommandResult(int ExitCode, string Stdout, string Stderr)
{
    public bool Succeeded => ExitCode == 0;

    public static CommandResult NotFound(string file) => new(127, string.Empty, $"{file}: command not found");
}
