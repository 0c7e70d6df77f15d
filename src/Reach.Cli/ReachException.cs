namespace Reach.Cli;

/// <summary>An anticipated failure whose message tells the operator what to do; it maps to an exit code.</summary>
public sealed class ReachException : Exception
{
    public ReachException(ExitCode exitCode, string message)
        : base(message) => ExitCode = exitCode;

    public ReachException()
    {
    }

    public ReachException(string message)
        : base(message)
    {
    }

    public ReachException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ExitCode ExitCode { get; } = ExitCode.CannotRun;
}
