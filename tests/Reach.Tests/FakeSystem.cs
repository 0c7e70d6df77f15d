using Reach.Readers.Sources;

namespace Reach.Tests;

/// <summary>An in-memory system for readers' decisions that hang on which files exist (no recorded snapshot needed).</summary>
/// <remarks>A key whose value is null exists but cannot be read (a root-only file).</remarks>
internal sealed class FakeSystem(Dictionary<string, string> files) : ISystemSource
{
    public List<string> Ran { get; } = [];

    public string? ReadFile(string path) => files.TryGetValue(path, out var text) ? text : null;

    public bool Exists(string path) => files.ContainsKey(path) || files.Keys.Any(k => k.StartsWith(path + "/", StringComparison.Ordinal));

    public IReadOnlyList<string> ListDirectory(string path) =>
        files.Keys.Where(k => k.StartsWith(path + "/", StringComparison.Ordinal)).Select(k => k[(path.Length + 1)..].Split('/')[0]).Distinct().ToList();

    public Task<CommandResult> RunAsync(string file, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        Ran.Add($"{file} {string.Join(' ', arguments)}");
        return Task.FromResult(new CommandResult(0, string.Empty, string.Empty));
    }
}
