using System.Text.Json;
using Reach.Core.Joining;
using Reach.Core.Model;

namespace Reach.Core.Contract;

/// <summary>The words reach/1 uses for the model's enums, and back: one place, so the writer and the reader cannot disagree.</summary>
internal static class ContractNames
{
    /// <summary>What "on" says for the host reach ran on.</summary>
    public const string ThisHost = "this host";

    public static string Layer(Layer layer) => Code.LayerName(layer);

    public static string Status(CheckStatus status) => status.ToString().ToLowerInvariant();

    public static string Role(RemoteRole role) => role == RemoteRole.Server ? "server" : "compare";

    /// <summary>PathRole.ThisHost is "this-host", PathMark.LinkFails "link-fails".</summary>
    public static string Kebab<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    /// <summary>The enum value whose kebab name is <paramref name="name"/>; null when none is.</summary>
    public static T? FromKebab<T>(string name)
        where T : struct, Enum
    {
        foreach (var value in Enum.GetValues<T>())
        {
            if (Kebab(value) == name)
            {
                return value;
            }
        }

        return null;
    }
}
