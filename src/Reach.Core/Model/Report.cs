namespace Reach.Core.Model;

/// <summary>Everything a renderer needs: the target, the verdict, every finding and every problem code.</summary>
public sealed record Report(TargetInfo Target, Verdict Verdict, IReadOnlyList<Finding> Checks, IReadOnlyList<Code> Problems)
{
    public const string Schema = "reach/1";
}
