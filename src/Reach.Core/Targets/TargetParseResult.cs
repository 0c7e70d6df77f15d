using Reach.Core.Text;

namespace Reach.Core.Targets;

/// <summary>Either a target or the reason the input is not one (said so that the user can fix it).</summary>
public sealed record TargetParseResult(Target? Target, Message? Problem)
{
    /// <summary>The reason in English (<see cref="Problem"/> says it in any language).</summary>
    public string? Error => Problem?.ToString();

    public static TargetParseResult Ok(Target target) => new(target, null);

    public static TargetParseResult Invalid(Message problem) => new(null, problem);
}
