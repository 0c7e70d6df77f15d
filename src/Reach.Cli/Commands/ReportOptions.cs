using System.CommandLine;
using Reach.Cli.Rendering;

namespace Reach.Cli.Commands;

/// <summary>
/// The options that choose how a report is written (--json, --format, --out, --verbose), created and
/// read together so that check and local behave the same; one line adds them to a command.
/// </summary>
internal sealed class ReportOptions
{
    public Option<bool> Json { get; } = CommonOptions.Json();

    public Option<string> Format { get; } = CommonOptions.Format();

    public Option<string> Out { get; } = CommonOptions.Out();

    public Option<bool> Verbose { get; } = CommonOptions.Verbose();

    public void AddTo(Command command)
    {
        command.Options.Add(Json);
        command.Options.Add(Format);
        command.Options.Add(Out);
        command.Options.Add(Verbose);
    }

    /// <summary>What the options say; a usage error for a contradiction (--json --format html) or a folder that does not exist, before anything is probed.</summary>
    public ReportSettings Read(ParseResult parse, CliContext context)
    {
        var format = Enum.Parse<ReportFormat>(parse.GetValue(Format) ?? "text", ignoreCase: true);
        if (parse.GetValue(Json))
        {
            if (parse.GetResult(Format) is { Implicit: false } && format != ReportFormat.Json)
            {
                throw new ReachException(ExitCode.Usage, context.Words.Get("error.format-conflict", ("format", format.ToString().ToLowerInvariant())));
            }

            format = ReportFormat.Json;
        }

        var file = parse.GetValue(Out);
        if (file is not null)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(file));
            if (folder is not null && !Directory.Exists(folder))
            {
                throw new ReachException(ExitCode.Usage, context.Words.Get("error.out-dir", ("file", file), ("folder", folder)));
            }
        }

        return new ReportSettings(format, file, parse.GetValue(Verbose));
    }
}
