namespace Reach.Readers;

/// <summary>The system could not be read at all (a missing tool, a denied file): the diagnosis cannot run. The message says how to fix it.</summary>
public sealed class SystemReadException : Exception
{
    public SystemReadException(string message)
        : base(message)
    {
    }

    public SystemReadException()
    {
    }

    public SystemReadException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
