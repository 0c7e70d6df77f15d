namespace Reach.Readers.Sources;

/// <summary>
/// Where readers get the system from: the live host, or a directory recorded by `reach snapshot`.
/// Every read goes through here, so a field report replays as a test fixture.
/// </summary>
public interface ISystemSource
{
    /// <summary>The file's text, or null when it does not exist or cannot be read.</summary>
    string? ReadFile(string path);

    bool Exists(string path);

    /// <summary>The names in a directory (not paths), empty when it does not exist.</summary>
    IReadOnlyList<string> ListDirectory(string path);

    Task<CommandResult> RunAsync(string file, IReadOnlyList<string> arguments, CancellationToken cancellationToken);
}
