using Reach.Cli;
using Reach.Cli.Commands;
using Reach.Cli.Rendering;
using Reach.Readers.Sources;
using Xunit;

namespace Reach.Tests.Cli;

public sealed class GuardedOutputStreamTests
{
    /// <summary>A stdout whose writes fail as a full disk's do.</summary>
    private sealed class FailingStream : MemoryStream
    {
        public int Writes { get; private set; }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Writes++;
            throw new IOException("No space left on device");
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));
    }

    [Fact]
    public void A_failing_write_is_recorded_not_thrown_and_later_writes_are_dropped()
    {
        var inner = new FailingStream();
        using var guarded = new GuardedOutputStream(inner);

        guarded.Write("verdict"u8);
        guarded.Write("fix"u8);
        guarded.Flush();

        Assert.Equal("No space left on device", guarded.Failure?.Message);
        Assert.Equal(1, inner.Writes);
    }

    [Fact]
    public void Writes_pass_through_while_they_succeed()
    {
        var inner = new MemoryStream();
        using var guarded = new GuardedOutputStream(inner);
        using (var writer = new StreamWriter(guarded, leaveOpen: true) { AutoFlush = true })
        {
            writer.Write("ok");
        }

        Assert.Null(guarded.Failure);
        Assert.Equal("ok"u8.ToArray(), inner.ToArray());
    }

    /// <summary>
    /// `reach local` end to end over web1's recorded REJECT (a diagnosed problem, exit 1), once with a stdout that
    /// works and once with one that fails: the report is lost, the exit status is the diagnosis's all the same.
    /// </summary>
    [Theory]
    [InlineData("--json")]
    [InlineData("--verbose")]
    public async Task A_stdout_that_fails_keeps_the_diagnosis_exit_status_and_says_so_on_stderr(string format)
    {
        async Task<(int Exit, string Stderr)> RunAsync(Stream stdout)
        {
            var stderr = new StringWriter();
            var console = ConsoleFactory.Create(new StreamWriter(stdout) { AutoFlush = true }, false);
            var context = new CliContext(new SnapshotSystem(Path.Combine(AppContext.BaseDirectory, "Fixtures", "web1-reject")), stdout, console, stderr);
            return (await ReachCli.RunAsync(["local", "80", "--from", "10.1.1.7", format], context), stderr.ToString());
        }

        var (healthyExit, healthyStderr) = await RunAsync(new GuardedOutputStream(new MemoryStream()));
        var (failingExit, failingStderr) = await RunAsync(new GuardedOutputStream(new FailingStream()));

        Assert.Equal(1, healthyExit);
        Assert.Empty(healthyStderr);
        Assert.Equal(healthyExit, failingExit);
        Assert.Equal("reach: the report could not be written to stdout: No space left on device" + Environment.NewLine, failingStderr);
    }
}
