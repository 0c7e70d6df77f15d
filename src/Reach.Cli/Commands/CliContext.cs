using Reach.Readers.Sources;
using Spectre.Console;

namespace Reach.Cli.Commands;

/// <summary>Where commands read the system from and write to: the real ones in production, captured ones in tests.</summary>
internal sealed record CliContext(ISystemSource Source, Stream StandardOutput, IAnsiConsole Console, TextWriter StandardError);
