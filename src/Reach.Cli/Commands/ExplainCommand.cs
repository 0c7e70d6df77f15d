using System.CommandLine;
using Reach.Cli.Explain;
using Reach.Core.Model;

namespace Reach.Cli.Commands;

/// <summary>
/// `reach explain CODE`: what a verdict code means, what proves it and the usual fix, offline. It prints
/// the row of docs/verdicts.md (or docs/verdicts.LANG.md) that is embedded in the binary, so the
/// command and the documentation are one text.
/// </summary>
internal static class ExplainCommand
{
    public static Command Create(CliContext context)
    {
        var code = new Argument<string?>("CODE") { Description = "A verdict code, e.g. port.rejected (as in the report and in the JSON's verdict.code).", Arity = ArgumentArity.ZeroOrOne };
        var list = new Option<bool>("--list") { Description = "List every code with its meaning in one line." };
        var command = new Command("explain", "What a verdict code means, what proves it and the usual fix (the text of docs/verdicts.md, offline).") { code, list };
        command.SetAction(parse =>
        {
            var words = context.Words;
            var docs = words.Docs;
            using var output = new StreamWriter(context.StandardOutput, new System.Text.UTF8Encoding(false), leaveOpen: true);
            if (parse.GetValue(list) || parse.GetValue(code) is null)
            {
                foreach (var e in docs.Entries)
                {
                    output.WriteLine($"{e.Code,-28} {Plain(e.Meaning)}");
                }

                return (int)ExitCode.Ok;
            }

            var name = parse.GetValue(code)!.Trim();
            var entry = docs.Find(name);
            if (entry is null)
            {
                throw new ReachException(ExitCode.Usage, words.Get(IsCode(name) ? "explain.missing" : "explain.unknown", ("code", name)));
            }

            output.WriteLine(entry.Code);
            output.WriteLine();
            Field(output, words["explain.meaning"], entry.Meaning);
            Field(output, words["explain.status"], entry.Status);
            Field(output, words["explain.evidence"], entry.Evidence);
            Field(output, words["explain.fix"], entry.Fix);
            Field(output, words["explain.lab"], entry.LabFault);
            return (int)ExitCode.Ok;
        });
        return command;
    }

    /// <summary>Every code the program can emit, from the model: `ok`, `inconclusive`, and each layer's.</summary>
    public static IReadOnlyList<string> AllCodes() =>
        [.. typeof(Codes).GetFields().Where(f => f.FieldType == typeof(Code)).Select(f => ((Code)f.GetValue(null)!).Name)
            .Concat(Enum.GetValues<Layer>().SelectMany(l => new[] { Codes.NotChecked(l).Name, Codes.Unknown(l).Name }))
            .Distinct()
            .Order(StringComparer.Ordinal)];

    private static bool IsCode(string name) => AllCodes().Contains(name);

    private static void Field(TextWriter output, string label, string? text)
    {
        if (!string.IsNullOrWhiteSpace(text) && text != "—")
        {
            output.WriteLine($"{label}:");
            output.WriteLine($"  {Plain(text)}");
            output.WriteLine();
        }
    }

    // A table cell read in a terminal: the Markdown emphasis goes, the backticks around commands stay.
    private static string Plain(string cell) => cell.Replace("**", string.Empty, StringComparison.Ordinal);
}
