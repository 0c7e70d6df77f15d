using Reach.Core.Observations;

namespace Reach.Readers.Parsing;

/// <summary>Parses the `hosts:` line of nsswitch.conf(5): sources in order, each followed by its optional [STATUS=action ...].</summary>
public static class NsswitchParser
{
    public static NsswitchHosts Parse(string? text, string source)
    {
        if (text is null)
        {
            return NsswitchHosts.Default(source, false);
        }

        foreach (var raw in text.Split('\n'))
        {
            var hash = raw.IndexOf('#', StringComparison.Ordinal);
            var line = (hash >= 0 ? raw[..hash] : raw).Trim();
            if (!line.StartsWith("hosts:", StringComparison.Ordinal))
            {
                continue;
            }

            var sources = new List<NsswitchSource>();
            var rest = line[6..];
            var i = 0;
            while (i < rest.Length)
            {
                if (char.IsWhiteSpace(rest[i]))
                {
                    i++;
                }
                else if (rest[i] == '[')
                {
                    var end = rest.IndexOf(']', i);
                    end = end < 0 ? rest.Length : end;
                    var actions = rest[(i + 1)..end].Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                    if (sources.Count > 0)
                    {
                        sources[^1] = sources[^1] with { Actions = [.. sources[^1].Actions, .. actions] };
                    }

                    i = end + 1;
                }
                else
                {
                    var end = i;
                    while (end < rest.Length && !char.IsWhiteSpace(rest[end]) && rest[end] != '[')
                    {
                        end++;
                    }

                    sources.Add(new NsswitchSource(rest[i..end], []));
                    i = end;
                }
            }

            return new NsswitchHosts(sources, source, true);
        }

        // No hosts line: glibc uses its default, "files dns" (nsswitch.conf(5), NOTES).
        return NsswitchHosts.Default(source, true);
    }
}
