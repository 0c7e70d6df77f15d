using Reach.Serve.Config;

namespace Reach.Serve;

/// <summary>The settings in force, and the reload that replaces them (POST /-/reload, SIGHUP). A failed reload keeps the old ones and says why.</summary>
public sealed class ServeState(ServeOptions options, ServeSettings initial, TimeProvider clock)
{
    private readonly Lock gate = new();
    private volatile ServeSettings current = initial;

    public ServeOptions Options { get; } = options;

    public ServeSettings Current => current;

    public bool LastReloadSucceeded { get; private set; } = true;

    public DateTimeOffset LastReloadSuccess { get; private set; } = clock.GetUtcNow();

    /// <summary>Raised after a successful reload, with the new settings (the scheduler restarts on it).</summary>
    public event Action<ServeSettings>? Reloaded;

    /// <summary>Reads every file again; null when the new settings are in force, else why they are not.</summary>
    public string? Reload()
    {
        ServeSettings next;
        lock (gate)
        {
            try
            {
                next = ServeStartup.Load(Options);
            }
            catch (Exception e) when (e is ConfigException or ServeRefusedException)
            {
                LastReloadSucceeded = false;
                return e.Message;
            }

            current = next;
            LastReloadSucceeded = true;
            LastReloadSuccess = clock.GetUtcNow();
        }

        Reloaded?.Invoke(next);
        return null;
    }
}
