namespace Reach.Cli;

/// <summary>The exit statuses of the contract (README.md, "Exit status"; docs/verdicts.md).</summary>
public enum ExitCode
{
    /// <summary>Nothing wrong.</summary>
    Ok = 0,

    /// <summary>A problem was diagnosed.</summary>
    Problem = 1,

    /// <summary>Bad input or usage: a message on stderr, nothing on stdout.</summary>
    Usage = 2,

    /// <summary>The diagnosis itself could not run; the message says why.</summary>
    CannotRun = 3,
}
