using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Reach.Serve.Config;

/// <summary>Reads a <see cref="YamlText"/> from one scalar event, keeping its start mark; a sequence or mapping there is a YamlException at its line.</summary>
internal sealed class YamlTextConverter : IYamlTypeConverter
{
    public bool Accepts(Type type) => type == typeof(YamlText);

    public object? ReadYaml(IParser parser, Type type, ObjectDeserializer rootDeserializer)
    {
        var start = parser.Current?.Start ?? Mark.Empty;
        if (!parser.TryConsume<Scalar>(out var scalar))
        {
            throw new YamlException(start, parser.Current?.End ?? start, "expected a single value here, not a list or a mapping");
        }

        return new YamlText { Value = scalar.Value, Line = scalar.Start.Line };
    }

    public void WriteYaml(IEmitter emitter, object? value, Type type, ObjectSerializer serializer) =>
        throw new NotSupportedException("reach.yml is only read");
}
