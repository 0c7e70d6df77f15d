using Reach.Core.Joining;
using Reach.Engine;
using Reach.Engine.Remote;
using Reach.Tests.Engine;
using Xunit;
using FakeTimeProvider = Microsoft.Extensions.Time.Testing.FakeTimeProvider;

namespace Reach.Tests.Remote;

/// <summary>
/// One remote run from start to its one line, with /bin/sh standing in for ssh and the remote reach (as
/// REACH_SSH_COMMAND lets a user do): what the remote printed, how it exited, how long it took on a fake clock.
/// No root, no network.
/// </summary>
public sealed class RemoteRunTests
{
    private static readonly string ServerReport = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "joins", "web1-drop", "server.json"));

    /// <summary>Starts `sh -c SCRIPT` as the remote end; the script's stdin is this host's end of the pipe.</summary>
    private static RemoteRun Start(string script, FakeTimeProvider? time = null)
    {
        var (run, failed) = RemoteRun.Start(RemoteRole.Server, new SshInvocation("/bin/sh", ["-c", script]), "ssh://web1", "reach local", time ?? new FakeTimeProvider());
        Assert.Null(failed);
        return run!;
    }

    private static async Task<RemoteEnd> FinishAsync(string script, TimeSpan? deadline = null)
    {
        var report = Path.Combine(Path.GetTempPath(), $"reach-remote-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(report, ServerReport);
        try
        {
            using var run = Start(script.Replace("REPORT", report, StringComparison.Ordinal));
            run.FinishInput();
            return await run.FinishAsync(deadline ?? TimeSpan.FromMinutes(1), CancellationToken.None);
        }
        finally
        {
            File.Delete(report);
        }
    }

    [Fact]
    public async Task A_report_on_stdout_is_the_answer_whatever_the_exit_status_of_a_diagnosis()
    {
        var end = await FinishAsync("cat REPORT; exit 1");

        Assert.True(end.Ok, end.Error);
        Assert.Equal("firewall.drop", end.Report!.Verdict.Code.Name);
        Assert.Equal(RemoteRole.Server, end.Role);
    }

    [Theory]
    [InlineData("echo 'ssh: connect to host web1 port 22: Connection refused' >&2; exit 255", "ssh failed: ssh: connect to host web1 port 22: Connection refused")]
    [InlineData("echo 'sh: 1: reach: not found' >&2; exit 127", "no reach on the remote PATH")]
    [InlineData("echo 'sh: 1: reach: Permission denied' >&2; exit 126", "the remote reach cannot be run")]
    [InlineData("echo 'reach: unrecognized option --watch' >&2; exit 2", "the remote reach refused the request (too old for it?)")]
    [InlineData("echo '{\"schema\":\"reach/1\"'; exit 1", "bad answer from the remote reach local")]
    [InlineData("echo 'killed' >&2; exit 137", "the remote reach local exited 137 without a report: killed")]
    public async Task What_went_wrong_on_the_far_side_is_one_line_in_its_own_words(string script, string said)
    {
        var end = await FinishAsync(script);

        Assert.False(end.Ok);
        Assert.Null(end.Report);
        Assert.StartsWith("ssh://web1: ", end.Error, StringComparison.Ordinal);
        Assert.Contains(said, end.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_larger_than_a_report_may_be_is_refused_unread()
    {
        var end = await FinishAsync($"head -c {ReportJsonParser.MaxBytes + 10} /dev/zero | tr '\\0' x; exit 0");

        Assert.False(end.Ok);
        Assert.Contains("larger than", end.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_server_end_is_ready_when_it_says_it_watches_and_answers_when_its_stdin_closes()
    {
        var time = new FakeTimeProvider();
        var report = Path.Combine(Path.GetTempPath(), $"reach-remote-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(report, ServerReport);
        try
        {
            // The far end watches until EOF on its stdin, as `reach local --watch --stop-on-eof` does.
            using var run = Start($"echo '{RemoteRun.WatchingLine} for SYNs from 10.1.1.7' >&2; cat >/dev/null; cat {report}", time);
            await run.Ready.WaitAsync(TimeSpan.FromSeconds(30));
            run.FinishInput();
            var end = await run.FinishAsync(TimeSpan.FromMinutes(1), CancellationToken.None);

            Assert.True(end.Ok, end.Error);
        }
        finally
        {
            File.Delete(report);
        }
    }

    [Fact]
    public async Task A_remote_that_never_answers_is_stopped_at_the_deadline_of_the_engines_clock()
    {
        var time = new FakeTimeProvider();
        using var run = Start("exec sleep 600", time);

        var end = await FakeClock.RunAsync(time, () => run.FinishAsync(TimeSpan.FromSeconds(20), CancellationToken.None), TimeSpan.FromMilliseconds(200));

        Assert.False(end.Ok);
        Assert.Contains("no answer within 20 s", end.Error, StringComparison.Ordinal);
        Assert.True(end.Ms >= 20_000, $"the run took {end.Ms} ms on the engine's clock");
    }

    [Fact]
    public void A_transport_that_cannot_start_is_already_an_answer()
    {
        var (run, failed) = RemoteRun.Start(RemoteRole.Compare, new SshInvocation("/nonexistent/ssh", []), "ssh://dev2", "reach check", new FakeTimeProvider());

        Assert.Null(run);
        Assert.NotNull(failed);
        Assert.False(failed!.Ok);
        Assert.Contains("could not start /nonexistent/ssh", failed.Error, StringComparison.Ordinal);
    }
}
