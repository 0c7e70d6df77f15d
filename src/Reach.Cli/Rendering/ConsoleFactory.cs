using Spectre.Console;

namespace Reach.Cli.Rendering;

/// <summary>Creates the console the text report goes to: colour on a terminal, plain text in a pipe or when NO_COLOR is set.</summary>
public static class ConsoleFactory
{
    public static IAnsiConsole Create(TextWriter output, bool interactive)
    {
        var colour = interactive && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = colour ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = colour ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });

        // In a pipe or a file, never wrap: one line per layer is what grep and people expect.
        if (!interactive)
        {
            console.Profile.Width = 1000;
        }

        return console;
    }
}
