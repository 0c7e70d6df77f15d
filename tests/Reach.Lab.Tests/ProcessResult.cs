namespace Reach.Lab.Tests;

public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr, string CommandLine)
{
    public void EnsureSuccess(string what)
    {
        if (ExitCode != 0)
        {
            throw new InvalidOperationException($"{what} failed ({ExitCode}): {CommandLine}\n{Stdout}\n{Stderr}");
        }
    }
}
