namespace Reach.Core.Targets;

/// <summary>Either a target or the reason the input is not one (said so that the user can fix it).</summary>
public sealed record TargetParseResult(Target? Target, string? Error)
{
    public static TargetParseResult Ok(Target target) => new(target, null);

    public static TargetParseResult Invalid(string error) => new(null, error);
}
