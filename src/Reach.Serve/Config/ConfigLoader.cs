using Reach.Core.Targets;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Reach.Serve.Config;

/// <summary>
/// Reads reach.yml and checks every value, naming the line of the first wrong one (exit 2 at start,
/// a refused reload later). Unknown keys are errors too: a misspelt allowed_targets must not leave a
/// module that allows nothing, or worse, a default that allows everything.
/// </summary>
public static class ConfigLoader
{
    /// <summary>A config file is a few kilobytes; more is not a config file.</summary>
    public const int MaxBytes = 1 << 20;

    internal static IDeserializer Deserializer { get; } = new StaticDeserializerBuilder(new ServeYamlContext())
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .WithTypeConverter(new YamlTextConverter())
        .Build();

    public static ServeConfig Load(string path)
    {
        string text;
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > MaxBytes)
            {
                throw new ConfigException(path, 0, $"larger than {MaxBytes} bytes: not a reach.yml");
            }

            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(path, 0, $"cannot read it: {e.Message}");
        }

        return Parse(text, path);
    }

    public static ServeConfig Parse(string text, string file)
    {
        ConfigDocument? doc;
        try
        {
            doc = Deserializer.Deserialize<ConfigDocument?>(text);
        }
        catch (YamlException e)
        {
            throw new ConfigException(file, e.Start.Line, Describe(e));
        }

        if (doc?.Modules is not { Count: > 0 } modules)
        {
            throw new ConfigException(file, 0, "no modules: name at least one under 'modules:', each with the targets it may probe (allowed_targets)");
        }

        var result = new Dictionary<string, ModuleConfig>(StringComparer.Ordinal);
        foreach (var (name, module) in modules)
        {
            result[name] = Module(file, name, module);
        }

        var schedule = new List<ScheduledCheck>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in doc.Schedule ?? [])
        {
            var check = Scheduled(file, entry, result);
            if (!names.Add(check.Name))
            {
                throw new ConfigException(file, entry.Name!.Line, $"a second scheduled check named '{check.Name}': names must be unique (they are the 'check' label on /metrics)");
            }

            schedule.Add(check);
        }

        return new ServeConfig(result, schedule, file);
    }

    /// <summary>YamlDotNet's messages carry "(Line: 3, Col: 14, Idx: 27)": the line is said once, by the caller.</summary>
    internal static string Describe(YamlException e)
    {
        var message = (e.InnerException is { } inner && !string.IsNullOrEmpty(inner.Message) ? inner.Message : e.Message).Trim();
        var at = message.IndexOf(" (Line:", StringComparison.Ordinal);
        return at > 0 ? message[..at] : message;
    }

    private static ModuleConfig Module(string file, string name, ModuleDocument? doc)
    {
        if (doc is null)
        {
            throw new ConfigException(file, 0, $"module '{name}' is empty: it needs allowed_targets");
        }

        var timeout = ModuleConfig.DefaultTimeout;
        if (doc.Timeout is { } t)
        {
            timeout = Durations.Parse(t.Value) is { } d && d <= TimeSpan.FromMinutes(5)
                ? d
                : throw new ConfigException(file, t.Line, $"module '{name}': timeout '{t.Value}' is not a duration of at most 5m (10s, 1.5s, 500ms)");
        }

        var family = FamilyChoice.Any;
        if (doc.Family is { } f)
        {
            family = f.Value.ToLowerInvariant() switch
            {
                "any" => FamilyChoice.Any,
                "ipv4" or "ip4" => FamilyChoice.IPv4,
                "ipv6" or "ip6" => FamilyChoice.IPv6,
                _ => throw new ConfigException(file, f.Line, $"module '{name}': family '{f.Value}' is not one of any, ipv4, ipv6"),
            };
        }

        if (doc.AllowedTargets is not { Count: > 0 } entries)
        {
            throw new ConfigException(file, doc.Timeout?.Line ?? doc.Family?.Line ?? 0, $"module '{name}' has no allowed_targets: list the networks and ports it may probe (10.1.0.0/16:80,443)");
        }

        var allowed = new List<AllowedTarget>();
        foreach (var entry in entries)
        {
            allowed.Add(AllowedTarget.Parse(entry.Value, out var error) ?? throw new ConfigException(file, entry.Line, $"module '{name}': {error}"));
        }

        return new ModuleConfig(name, timeout, family, allowed);
    }

    private static ScheduledCheck Scheduled(string file, ScheduleDocument doc, Dictionary<string, ModuleConfig> modules)
    {
        var line = doc.Name?.Line ?? doc.Target?.Line ?? 0;
        var name = doc.Name?.Value ?? throw new ConfigException(file, line, "a scheduled check without a name");
        if (name.Length is 0 or > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new ConfigException(file, doc.Name.Line, $"scheduled check name '{name}': 1 to 64 letters, digits, '-', '_' or '.'");
        }

        var target = doc.Target ?? throw new ConfigException(file, line, $"scheduled check '{name}' has no target");
        if (TargetParser.Parse(target.Value).Problem is { } problem)
        {
            throw new ConfigException(file, target.Line, $"scheduled check '{name}': {problem}");
        }

        var module = doc.Module?.Value ?? ServeConfig.DefaultModule;
        if (!modules.ContainsKey(module))
        {
            throw new ConfigException(file, doc.Module?.Line ?? line, $"scheduled check '{name}': no module named '{module}'");
        }

        var interval = TimeSpan.FromSeconds(60);
        if (doc.Interval is { } i)
        {
            interval = Durations.Parse(i.Value) is { } d && d >= TimeSpan.FromSeconds(1)
                ? d
                : throw new ConfigException(file, i.Line, $"scheduled check '{name}': interval '{i.Value}' is not a duration of at least 1s");
        }

        var jitter = interval / 10;
        if (doc.Jitter is { } j)
        {
            jitter = Durations.Parse(j.Value) is { } d && d <= interval
                ? d
                : j.Value.Trim() == "0" ? TimeSpan.Zero
                : throw new ConfigException(file, j.Line, $"scheduled check '{name}': jitter '{j.Value}' is not a duration no longer than the interval");
        }

        return new ScheduledCheck(name, target.Value, module, interval, jitter);
    }
}
