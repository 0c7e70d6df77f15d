using System.Globalization;
using Reach.Core.Batch;
using Reach.Core.Model;
using Reach.Core.Targets;
using Reach.Core.Text;
using Reach.Engine.Remote;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Reach.Cli.Batch;

/// <summary>
/// Reads a flows file (YAML):
/// <code>
/// flows:
///   - { name: web-to-db, to: db:5432, expect: reachable }
///   - { name: no-ssh-from-dmz, from: https://dmz1:9917, to: 10.0.0.5:22, expect: blocked }
///   - { name: api, from: ssh://dev2, to: api:443, expect: ok }
/// </code>
/// Every mistake is bad input naming its line: a typo in a key or an expectation would otherwise make a
/// flow that can never match, or one that always does.
/// </summary>
internal static class FlowsFile
{
    private static readonly string[] Fields = ["name", "from", "to", "expect", "source"];

    /// <summary>The flows in <paramref name="text"/>; <paramref name="file"/> names the file in messages.</summary>
    /// <exception cref="ReachException">Exit 2, the message naming the file and the line.</exception>
    public static IReadOnlyList<Flow> Parse(string text, string file)
    {
        ArgumentNullException.ThrowIfNull(text);
        var yaml = new YamlStream();
        try
        {
            yaml.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw Bad(file, (int)e.Start.Line, Message.Of("error.flows.yaml", ("reason", Reason(e))));
        }

        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw Bad(file, yaml.Documents.Count == 0 ? 1 : Line(yaml.Documents[0].RootNode), Message.Of("error.flows.top"));
        }

        if (yaml.Documents.Count > 1)
        {
            throw Bad(file, Line(yaml.Documents[1].RootNode), Message.Of("error.flows.documents"));
        }

        YamlSequenceNode? list = null;
        foreach (var (key, value) in root.Children)
        {
            if (key is not YamlScalarNode { Value: "flows" })
            {
                throw Bad(file, Line(key), Message.Of("error.flows.top-key", ("key", Clip(Scalar(key)))));
            }

            list = value as YamlSequenceNode ?? throw Bad(file, Line(value), Message.Of("error.flows.top"));
        }

        if (list is null || list.Children.Count == 0)
        {
            throw Bad(file, list is null ? Line(root) : Line(list), Message.Of("error.flows.empty"));
        }

        var flows = new List<Flow>();
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var node in list.Children)
        {
            var flow = ParseFlow(node, file);
            if (names.TryGetValue(flow.Name, out var first))
            {
                throw Bad(file, flow.Line, Message.Of("error.flows.name-twice", ("name", Clip(flow.Name)), ("first", first.ToString(CultureInfo.InvariantCulture))));
            }

            names[flow.Name] = flow.Line;
            flows.Add(flow);
        }

        return flows;
    }

    private static Flow ParseFlow(YamlNode node, string file)
    {
        var line = Line(node);
        if (node is not YamlMappingNode map)
        {
            throw Bad(file, line, Message.Of("error.flows.item"));
        }

        var values = new Dictionary<string, (string Value, int Line)>(StringComparer.Ordinal);
        foreach (var (k, v) in map.Children)
        {
            var key = Scalar(k);
            if (!Fields.Contains(key))
            {
                throw Bad(file, Line(k), Message.Of("error.flows.key", ("key", Clip(key))));
            }

            if (v is not YamlScalarNode { Value: { } value } || string.IsNullOrWhiteSpace(value))
            {
                throw Bad(file, Line(v), Message.Of("error.flows.value", ("key", key)));
            }

            values[key] = (value.Trim(), Line(v));
        }

        foreach (var required in new[] { "to", "expect" })
        {
            if (!values.ContainsKey(required))
            {
                throw Bad(file, line, Message.Of("error.flows.missing", ("key", required)));
            }
        }

        var (toText, toLine) = values["to"];
        var parsed = TargetParser.Parse(toText);
        if (parsed.Target is null)
        {
            throw Bad(file, toLine, Message.Of("error.flows.to").With("reason", parsed.Problem!));
        }

        var from = FlowOrigin.ThisHost;
        if (values.TryGetValue("from", out var f))
        {
            from = Origin(f.Value) ?? throw Bad(file, f.Line, Message.Of("error.flows.from", ("value", Clip(f.Value))));
        }

        var (expectText, expectLine) = values["expect"];
        var expect = expectText switch
        {
            "reachable" => new Expectation(ExpectationKind.Reachable),
            "blocked" => new Expectation(ExpectationKind.Blocked),
            _ when Codes.IsKnown(expectText) => new Expectation(ExpectationKind.Code, expectText),
            _ => throw Bad(file, expectLine, Message.Of("error.flows.expect", ("value", Clip(expectText)))),
        };

        System.Net.IPAddress? source = null;
        if (values.TryGetValue("source", out var s) && (source = TargetParser.ParseAddress(s.Value)) is null)
        {
            throw Bad(file, s.Line, Message.Of("error.flows.source", ("value", Clip(s.Value))));
        }

        var name = values.TryGetValue("name", out var n) ? n.Value : from.Kind == FlowOriginKind.ThisHost ? toText : $"{from.Text} -> {toText}";
        return new Flow(name, from, parsed.Target, expect, line, source);
    }

    /// <summary>ssh://[USER@]HOST[:PORT] (checked as --server checks it), or an agent's http(s)://HOST:PORT.</summary>
    private static FlowOrigin? Origin(string text)
    {
        if (text.StartsWith("ssh://", StringComparison.Ordinal))
        {
            return SshDestination.TryParse(text, out var ssh, out _) ? new FlowOrigin(FlowOriginKind.Ssh, text, ssh.Host) : null;
        }

        if ((text.StartsWith("https://", StringComparison.Ordinal) || text.StartsWith("http://", StringComparison.Ordinal))
            && Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Host.Length > 0 && uri.AbsolutePath is "/" or "" && uri.Query.Length == 0 && uri.UserInfo.Length == 0)
        {
            return new FlowOrigin(FlowOriginKind.Agent, text.TrimEnd('/'), uri.IdnHost.Trim('[', ']'));
        }

        return null;
    }

    private static int Line(YamlNode node) => (int)Math.Min(int.MaxValue, node.Start.Line);

    private static string Scalar(YamlNode node) => node is YamlScalarNode { Value: { } v } ? v : node.ToString();

    private static string Reason(YamlException e)
    {
        // YamlDotNet's message begins with its own "(Line: 3, Col: 5, Idx: …) - (…): "; the line is said already.
        var m = e.Message;
        var cut = m.LastIndexOf("): ", StringComparison.Ordinal);
        return cut >= 0 && m.StartsWith('(') ? m[(cut + 3)..] : m;
    }

    private static string Clip(string text) => InputEcho.Clip(text);

    private static ReachException Bad(string file, int line, Message reason) =>
        new(ExitCode.Usage, Message.Of("error.flows.at", ("file", file), ("line", line.ToString(CultureInfo.InvariantCulture))).With("reason", reason));
}
