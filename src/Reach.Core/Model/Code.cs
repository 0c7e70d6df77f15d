namespace Reach.Core.Model;

/// <summary>
/// A verdict code of the public contract (docs/verdicts.md), bound to the layer it speaks of: a finding
/// takes its layer from its code, so a code can never be paired with another layer. <c>ok</c> and
/// <c>inconclusive</c> speak of no single layer.
/// </summary>
public sealed record Code
{
    internal Code(string name, Layer? layer)
    {
        // "port.open" belongs to Layer.Port, and only there: checked once, when Codes is first used.
        if (layer is { } l && !name.StartsWith(LayerName(l) + ".", StringComparison.Ordinal))
        {
            throw new ArgumentException($"code {name} does not belong to layer {l}", nameof(name));
        }

        Name = name;
        Layer = layer;
    }

    public string Name { get; }

    public Layer? Layer { get; }

    public static string LayerName(Layer layer) => layer.ToString().ToLowerInvariant();

    public override string ToString() => Name;
}
