using System.CommandLine.Parsing;
using System.Globalization;
using Reach.Core.Targets;

namespace Reach.Cli.Commands;

/// <summary>
/// A parser for integer options that says the allowed range in the operator's words: System.CommandLine's
/// own converter would answer "Cannot parse argument 'x' ... as expected type 'System.Int32'".
/// </summary>
internal static class WholeNumber
{
    public static Func<ArgumentResult, int> InRange(int min, int max) => result =>
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max)
        {
            return n;
        }

        var name = (result.Parent as OptionResult)?.Option.Name ?? result.Argument.Name;
        result.AddError($"{name} '{InputEcho.Clip(text)}' is not a whole number from {min} to {max}");
        return default;
    };
}
