using YamlDotNet.Serialization;

namespace Reach.Serve.Config;

/// <summary>One scheduled check of reach.yml as written (see <see cref="ScheduledCheck"/>).</summary>
[YamlSerializable]
public sealed class ScheduleDocument
{
    public YamlText? Name { get; set; }

    public YamlText? Target { get; set; }

    public YamlText? Module { get; set; }

    public YamlText? Interval { get; set; }

    public YamlText? Jitter { get; set; }
}
