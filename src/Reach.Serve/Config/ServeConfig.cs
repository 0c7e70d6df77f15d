using System.Net;

namespace Reach.Serve.Config;

/// <summary>reach.yml, checked: every module and scheduled check valid, every name unique.</summary>
public sealed record ServeConfig(IReadOnlyDictionary<string, ModuleConfig> Modules, IReadOnlyList<ScheduledCheck> Schedule, string? File)
{
    public const string DefaultModule = "default";

    /// <summary>
    /// Without reach.yml: one module, "default", that may probe any unicast target (link-local ones are
    /// still refused). It is only usable on a loopback listener (ServeStartup refuses the rest): there it
    /// gives local users no more than `reach check` gives them.
    /// </summary>
    public static ServeConfig Builtin { get; } = new(
        new Dictionary<string, ModuleConfig>
        {
            [DefaultModule] = new(DefaultModule, ModuleConfig.DefaultTimeout, FamilyChoice.Any,
                [new AllowedTarget(new IPNetwork(IPAddress.Any, 0), [PortRange.All]), new AllowedTarget(new IPNetwork(IPAddress.IPv6Any, 0), [PortRange.All])]),
        },
        [],
        null);
}
