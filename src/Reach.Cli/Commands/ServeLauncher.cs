using System.CommandLine;
using System.Runtime.InteropServices;
using Reach.Core.Text;

namespace Reach.Cli.Commands;

/// <summary>
/// `reach serve ARGS` runs `reach-serve ARGS`, the binary beside this one, in this process's place
/// (execv(3): same pid for systemd, same signals, same stdio). The server is a binary of its own because
/// ASP.NET Core doubles reach's size (8.4 MB to 17.5 MB) and NativeAOT rehydrates every type's data at
/// start: measured here, `reach --version` took 35 ms of CPU alone and 51 ms with the server linked in
/// (user+sys, hyperfine, 60 runs). A CLI run on every incident must not pay for a server it does not run.
/// </summary>
internal static partial class ServeLauncher
{
    public const string Binary = "reach-serve";

    /// <summary>The entry in reach's --help; `reach serve` itself never reaches its action (ReachCli execs first).</summary>
    public static Command Command()
    {
        var command = new Command("serve", "Serve fleets over HTTP (the reach-serve binary beside reach): /probe?target=HOST:PORT for Prometheus, /local for `reach check --server https://`, /metrics. `reach serve --help` for its options.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(_ => (int)ExitCode.Usage);
        return command;
    }

    public static async Task<int> ExecAsync(string[] args, CliContext context)
    {
        var path = Find();
        if (path is null)
        {
            await context.StandardError.WriteLineAsync($"reach: {context.Words.Catalog.Format(Message.Of("error.serve.missing", ("binary", Binary)))}").ConfigureAwait(false);
            return (int)ExitCode.CannotRun;
        }

        await Console.Out.FlushAsync().ConfigureAwait(false);
        var errno = Exec(path, [Binary, .. args]);
        await context.StandardError.WriteLineAsync($"reach: {context.Words.Catalog.Format(Message.Of("error.serve.exec", ("binary", path), ("message", Marshal.GetPInvokeErrorMessage(errno))))}").ConfigureAwait(false);
        return (int)ExitCode.CannotRun;
    }

    /// <summary>Beside this binary first (how scripts/build.sh and packages install them), then on PATH.</summary>
    internal static string? Find()
    {
        var beside = Environment.ProcessPath is { } self ? Path.Combine(Path.GetDirectoryName(self) ?? ".", Binary) : null;
        if (beside is not null && File.Exists(beside))
        {
            return beside;
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, Binary))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>execv(3); returns only on failure, with errno.</summary>
    private static int Exec(string path, string[] argv)
    {
        var strings = argv.Select(Marshal.StringToCoTaskMemUTF8).ToArray();
        var pathPtr = Marshal.StringToCoTaskMemUTF8(path);
        var array = Marshal.AllocHGlobal(IntPtr.Size * (strings.Length + 1));
        try
        {
            for (var i = 0; i < strings.Length; i++)
            {
                Marshal.WriteIntPtr(array, i * IntPtr.Size, strings[i]);
            }

            Marshal.WriteIntPtr(array, strings.Length * IntPtr.Size, IntPtr.Zero);
            _ = ExecV(pathPtr, array);
            return Marshal.GetLastPInvokeError();
        }
        finally
        {
            foreach (var s in strings)
            {
                Marshal.FreeCoTaskMem(s);
            }

            Marshal.FreeCoTaskMem(pathPtr);
            Marshal.FreeHGlobal(array);
        }
    }

    [LibraryImport("libc", EntryPoint = "execv", SetLastError = true)]
    private static partial int ExecV(IntPtr path, IntPtr argv);
}
