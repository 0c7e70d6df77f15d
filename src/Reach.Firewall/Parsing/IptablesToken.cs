namespace Reach.Firewall;

/// <summary>One word of an iptables-save rule; <see cref="Quoted"/> words are always arguments.</summary>
internal readonly record struct IptablesToken(string Value, bool Quoted)
{
    /// <summary>The word as iptables-save would print it again.</summary>
    public override string ToString() =>
        Quoted ? "\"" + Value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"" : Value;

    public bool IsOption => !Quoted && Value.Length > 1 && Value[0] == '-';

    public bool IsBang => !Quoted && Value == "!";

    /// <summary>
    /// Splits a line the way iptables-restore does: whitespace separates words, double (or single) quotes
    /// group them, and a backslash inside quotes escapes the next character (iptables-save quotes
    /// comments and strings with spaces and escapes embedded quotes: <c>"a \"b\" c"</c>).
    /// </summary>
    public static List<IptablesToken> Split(string line)
    {
        var tokens = new List<IptablesToken>();
        var i = 0;
        while (i < line.Length)
        {
            if (char.IsWhiteSpace(line[i]))
            {
                i++;
                continue;
            }

            if (line[i] is '"' or '\'')
            {
                var quote = line[i++];
                var sb = new System.Text.StringBuilder();
                while (i < line.Length && line[i] != quote)
                {
                    if (line[i] == '\\' && i + 1 < line.Length)
                    {
                        i++;
                    }

                    sb.Append(line[i++]);
                }

                i++; // the closing quote; an unterminated quote takes the rest of the line
                tokens.Add(new IptablesToken(sb.ToString(), Quoted: true));
                continue;
            }

            var start = i;
            while (i < line.Length && !char.IsWhiteSpace(line[i]))
            {
                i++;
            }

            tokens.Add(new IptablesToken(line[start..i], Quoted: false));
        }

        return tokens;
    }
}
