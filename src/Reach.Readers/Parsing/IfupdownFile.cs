using Reach.Core.Observations;

namespace Reach.Readers.Parsing;

/// <summary>One file of ifupdown's configuration: its <c>iface</c> stanzas, the interfaces it brings up at boot, the files it includes.</summary>
/// <param name="Stanzas">Each <c>iface</c> stanza (its <see cref="InterfaceConfig.Auto"/> is false: an <c>auto</c> line may be in another file).</param>
/// <param name="Auto">The interfaces named by <c>auto</c>, <c>allow-auto</c> or <c>allow-hotplug</c>.</param>
/// <param name="Includes">The patterns of <c>source</c> lines and the directories of <c>source-directory</c> lines (a directory ends with '/').</param>
public sealed record IfupdownFile(IReadOnlyList<InterfaceConfig> Stanzas, IReadOnlySet<string> Auto, IReadOnlyList<string> Includes);
