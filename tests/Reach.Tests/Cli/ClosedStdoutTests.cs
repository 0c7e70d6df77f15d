using Xunit;

namespace Reach.Tests.Cli;

/// <summary>
/// `reach check web1:80 >&-` aborted with SIGABRT (.NET's OpenStandardOutput throws on a closed descriptor 1).
/// With stdout closed, or a pipe whose reader has left, the run ends with the diagnosis's own exit status and
/// writes nothing else. The check goes to loopback port 9, on this host: whatever the verdict, the run with a
/// working stdout is the reference.
/// </summary>
public sealed class ClosedStdoutTests
{
    [PublishedCliFact]
    public void A_closed_stdout_keeps_the_diagnosis_exit_status()
    {
        foreach (var format in new[] { "--json", "--verbose" })
        {
            var reference = PublishedCli.Shell("exec \"$0\" \"$@\"", "check", "127.0.0.1:9", format);
            var closed = PublishedCli.Shell("exec \"$0\" \"$@\" >&-", "check", "127.0.0.1:9", format);

            Assert.NotEmpty(reference.Stdout);
            Assert.InRange(reference.Exit, 0, 3);
            Assert.Equal(reference.Exit, closed.Exit);
            Assert.Equal(reference.Stderr, closed.Stderr);
        }
    }

    [PublishedCliFact]
    public void Closed_stdout_and_stderr_keep_the_diagnosis_exit_status()
    {
        var reference = PublishedCli.Shell("exec \"$0\" \"$@\"", "check", "127.0.0.1:9");
        var closed = PublishedCli.Shell("exec \"$0\" \"$@\" >&- 2>&-", "check", "127.0.0.1:9");
        var bad = PublishedCli.Shell("exec \"$0\" \"$@\" >&- 2>&-", "check", "224.0.0.1:80");

        Assert.Equal(reference.Exit, closed.Exit);
        Assert.Equal(2, bad.Exit);
    }

    [PublishedCliFact]
    public void A_closed_stdout_still_gets_exit_2_for_bad_input()
    {
        var closed = PublishedCli.Shell("exec \"$0\" \"$@\" >&-", "check", "224.0.0.1:80");

        Assert.Equal(2, closed.Exit);
        Assert.Contains("multicast", closed.Stderr, StringComparison.Ordinal);
    }

    [PublishedCliFact]
    public void Help_to_a_closed_stdout_does_not_crash()
    {
        var closed = PublishedCli.Shell("exec \"$0\" \"$@\" >&-", "check", "--help");

        Assert.Equal(0, closed.Exit);
        Assert.Empty(closed.Stderr);
    }

    /// <summary>
    /// `| head -n 0`: head exits without reading. reach starts after it has (the sleep orders the two; nothing
    /// is timed), so its first write meets a pipe with no reader (EPIPE). Its exit status comes back on fd 3.
    /// </summary>
    [PublishedCliFact]
    public void A_pipe_whose_reader_has_left_keeps_the_diagnosis_exit_status()
    {
        var reference = PublishedCli.Shell("exec \"$0\" \"$@\"", "check", "127.0.0.1:9", "--json");
        var piped = PublishedCli.Shell("exec 3>&1; { sleep 1; \"$0\" \"$@\"; echo \"$?\" >&3; } | head -n 0", "check", "127.0.0.1:9", "--json");

        Assert.Equal($"{reference.Exit}\n", piped.Stdout);
        Assert.Equal(reference.Stderr, piped.Stderr);
    }
}
