using Reach.Core.Targets;
using Reach.Serve.Config;

namespace Reach.Serve.Probing;

/// <summary>A probe whose input was read and whose literal address (if any) the module allows; nothing probed yet.</summary>
public sealed record PreparedProbe(ModuleConfig Module, Target Target, TimeSpan Budget);
