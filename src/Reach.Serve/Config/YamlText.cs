namespace Reach.Serve.Config;

/// <summary>
/// A scalar of reach.yml with the line it stood on: every value is checked after it is read (a CIDR, a
/// duration, a target), and an invalid one must be named by its line, as the YAML library names its own.
/// </summary>
public sealed class YamlText
{
    public string Value { get; set; } = string.Empty;

    /// <summary>1-based, as YamlDotNet's marks and every editor count.</summary>
    public long Line { get; set; }
}
