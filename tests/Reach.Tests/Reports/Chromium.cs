using System.Diagnostics;

namespace Reach.Tests.Reports;

/// <summary>
/// Debian's chromium, headless, with no driver: `--dump-dom` prints the page as the browser built it and
/// `--screenshot` paints it. Every network feature it has is switched off and the profile is a fresh
/// empty folder, so the page is shown from the file alone (which is what the report promises).
/// </summary>
internal static class Chromium
{
    private static readonly string[] DarkMode = ["--force-dark-mode"];

    public static string? Path { get; } = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);

    /// <summary>Where screenshots are kept for a person to look at after the run (out/ is not committed).</summary>
    public static string Artefacts { get; } = Directory.CreateDirectory(System.IO.Path.Combine(RepoFiles.Root, "out", "test-artefacts")).FullName;

    public static string DumpDom(string htmlFile) => Run(htmlFile, "--dump-dom");

    /// <param name="dark">Paint with the system in dark mode (prefers-color-scheme: dark).</param>
    public static void Screenshot(string htmlFile, string pngFile, bool dark = false) =>
        Run(htmlFile, [$"--screenshot={pngFile}", "--window-size=1100,900", "--hide-scrollbars", .. dark ? DarkMode : []]);

    private static string Run(string htmlFile, params string[] what)
    {
        var profile = Directory.CreateTempSubdirectory("h-chromium-profile-");
        try
        {
            var start = new ProcessStartInfo(Path ?? throw new InvalidOperationException("chromium is not installed (scripts/install-deps.sh installs it)"))
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var a in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                         "--disable-component-update", "--disable-sync", $"--user-data-dir={profile.FullName}", .. what, new Uri(htmlFile).AbsoluteUri])
            {
                start.ArgumentList.Add(a);
            }

            using var p = Process.Start(start)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                p.Kill(true);
                throw new TimeoutException($"chromium {string.Join(' ', what)} {htmlFile} ran longer than 60 s");
            }

            return p.ExitCode == 0 ? stdout.Result : throw new InvalidOperationException($"chromium exited {p.ExitCode}: {stderr.Result}");
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
