using System.Text.Json.Serialization;

namespace Reach.Core.Contract;

/// <summary>
/// The reach/1 serializer, generated at build time: no reflection, so NativeAOT and trimming keep it
/// whole. Indented with two spaces and the default (HTML-safe) escaper, as reach/1 has always been
/// written: scripts that compared bytes keep working. Depth 16 bounds what an untrusted remote end can
/// make the parser recurse into; a report nests a remote's report once (depth 8).
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = true, MaxDepth = 16)]
[JsonSerializable(typeof(ReportDocument))]
public sealed partial class ReportJsonContext : JsonSerializerContext;
