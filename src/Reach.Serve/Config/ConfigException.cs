namespace Reach.Serve.Config;

/// <summary>A configuration file that cannot be used: the file, the line (0 when it is the whole file) and what is wrong there.</summary>
public sealed class ConfigException : Exception
{
    public ConfigException(string file, long line, string problem)
        : base(line > 0 ? $"{file} line {line}: {problem}" : $"{file}: {problem}")
    {
        File = file;
        Line = line;
        Problem = problem;
    }

    public ConfigException()
    {
        File = string.Empty;
        Problem = string.Empty;
    }

    public ConfigException(string message)
        : base(message)
    {
        File = string.Empty;
        Problem = message;
    }

    public ConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
        File = string.Empty;
        Problem = message;
    }

    public string File { get; }

    public long Line { get; }

    public string Problem { get; }
}
