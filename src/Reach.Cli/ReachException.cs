using Reach.Core.Text;

namespace Reach.Cli;

/// <summary>An anticipated failure whose message tells the operator what to do; it maps to an exit code.</summary>
public sealed class ReachException : Exception
{
    public ReachException(ExitCode exitCode, string message)
        : base(message) => ExitCode = exitCode;

    /// <summary>The message as a key of the message files, so that it is said in the reader's language; Exception.Message holds the English.</summary>
    public ReachException(ExitCode exitCode, Message text)
        : base(text.ToString())
    {
        ExitCode = exitCode;
        Text = text;
    }

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

    /// <summary>The sentence as a message; null for one built from a string (already in the reader's language).</summary>
    public Message? Text { get; }
}
