using Reach.Firewall;

namespace Reach.Readers;

/// <summary>A proposed ruleset that cannot be evaluated: a file that does not parse (naming its line), is missing, or is not a ruleset at all.</summary>
public sealed class RulesetFileException : Exception
{
    public RulesetFileException(string path, RulesetSyntaxError error)
        : base($"{path}, line {error.Line}{(error.Column is { } c ? $", column {c}" : string.Empty)}: {error.Reason}")
    {
        Path = path;
        Error = error;
    }

    public RulesetFileException(string path, string message)
        : base($"{path}: {message}") => Path = path;

    public RulesetFileException()
    {
    }

    public RulesetFileException(string message)
        : base(message)
    {
    }

    public RulesetFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public string Path { get; } = string.Empty;

    /// <summary>The syntax error, when the file was read but does not parse.</summary>
    public RulesetSyntaxError? Error { get; }
}
