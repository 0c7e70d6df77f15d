using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Reach.Core.Targets;

namespace Reach.Cli.Commands;

/// <summary>
/// `--port` of `reach check`: a TCP port, 1 to 65535. Parsed here rather than by System.CommandLine's
/// int converter, whose error names a .NET type ("System.Nullable`1[System.Int32]") instead of saying
/// what a port is; "53/udp" gets the reason it is refused (the check connects over TCP).
/// </summary>
internal static class PortOption
{
    public static Option<int?> Create() => new("--port", "-p")
    {
        Description = "The TCP port (1 to 65535), when TARGET does not name one.",
        HelpName = "PORT",
        CustomParser = Parse,
    };

    private static int? Parse(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535)
        {
            return port;
        }

        result.AddError($"--port '{InputEcho.Clip(text)}' is not a TCP port (1 to 65535); reach check probes TCP");
        return null;
    }
}
