namespace Reach.Readers.Parsing;

/// <summary>
/// /etc/os-release (os-release(5)): newline-separated KEY=VALUE, values optionally in double or single
/// quotes, '#' comments. Only ID and ID_LIKE are kept: they decide how a fix's command is written.
/// </summary>
public static class OsReleaseParser
{
    public static (string Id, IReadOnlyList<string> Like) Parse(string? text)
    {
        var id = string.Empty;
        IReadOnlyList<string> like = [];
        foreach (var raw in (text ?? string.Empty).Split('\n'))
        {
            var line = raw.Trim();
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (line.Length == 0 || line[0] == '#' || eq <= 0)
            {
                continue;
            }

            var value = Unquote(line[(eq + 1)..]);
            switch (line[..eq])
            {
                case "ID":
                    id = value.ToLowerInvariant();
                    break;
                case "ID_LIKE":
                    like = value.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    break;
            }
        }

        return (id, like);
    }

    private static string Unquote(string v) =>
        v.Length >= 2 && (v[0] == '"' || v[0] == '\'') && v[^1] == v[0] ? v[1..^1] : v;
}
