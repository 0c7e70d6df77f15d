namespace Reach.Core.Model;

/// <summary>The outcome of one check. Only <see cref="Fail"/> names a problem.</summary>
public enum CheckStatus
{
    Pass,
    Fail,
    Warn,
    Skip,
    Inconclusive,
}
