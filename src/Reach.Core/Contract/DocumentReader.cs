using System.Net;
using Reach.Core.Joining;
using Reach.Core.Model;
using Reach.Core.Text;

namespace Reach.Core.Contract;

/// <summary>
/// A reach/1 document from elsewhere as the model, checked field by field: a missing field, a code of no
/// layer, an unknown status is a <see cref="FormatException"/> whose message is one line naming it. The
/// English sentences become verbatim messages: another language says them by their code's meaning.
/// </summary>
internal static class DocumentReader
{
    public static (Report Report, IReadOnlyList<RemoteEnd>? Remotes) Read(ReportDocument d)
    {
        var report = Report(d);
        IReadOnlyList<RemoteEnd>? remotes = d.Remote is null ? null : [.. d.Remote.Select(Remote)];
        return (report, remotes);
    }

    private static Report Report(ReportDocument d)
    {
        var schema = Required(d.Schema, "schema");
        if (schema != Model.Report.Schema)
        {
            throw new FormatException($"schema is \"{ReportJson.Excerpt(schema)}\", expected \"{Model.Report.Schema}\"");
        }

        var t = Required(d.Target, "target", "an object");
        var target = new TargetInfo(
            Required(t.Input, "input"),
            Required(t.Host, "host"),
            t.Port,
            [.. Required(t.Addresses, "addresses", "an array").Select(a => IPAddress.TryParse(a ?? string.Empty, out var ip) ? ip : throw new FormatException("target.addresses holds a non-address"))])
        {
            AddressOutcomes = t.AddressOutcomes is null ? [] : [.. t.AddressOutcomes.Select(Address)],
        };

        var v = Required(d.Verdict, "verdict", "an object");
        var verdict = new Verdict(VerdictCode(Required(v.Code, "code")), v.Layer is null ? null : ParseLayer(v.Layer), Said(Required(v.Summary, "summary")), Said(Required(v.Fix, "fix")))
        {
            Actions = v.Actions is null ? [] : [.. v.Actions.Select(Action)],
        };

        var checks = Required(d.Checks, "checks", "an array").Select(Finding).ToList();
        var problems = Required(d.Problems, "problems", "an array").Select(p => p is null ? throw new FormatException("problems holds a non-string") : LayerCode(p)).ToList();
        return new Report(target, verdict, checks, problems)
        {
            Path = d.Path is null ? null : [.. d.Path.Select(Hop)],
        };
    }

    private static AddressResult Address(AddressOutcomeDocument? a)
    {
        a = Required(a, "an address outcome", "an object");
        var address = IPAddress.TryParse(Required(a.Address, "address"), out var ip) ? ip : throw new FormatException("target.addressOutcomes holds a non-address");
        return new AddressResult(address, Required(a.Outcome, "outcome"), Required(a.Detail, "detail"), a.Verdict ?? throw new FormatException("\"verdict\" is missing or not a boolean"));
    }

    private static FixAction Action(ActionDocument? a)
    {
        a = Required(a, "an action", "an object");
        var on = Required(a.On, "on");
        var host = on == ContractNames.ThisHost ? null : IPAddress.TryParse(on, out var ip) ? ip : throw new FormatException($"action \"on\" is \"{ReportJson.Excerpt(on)}\", neither \"{ContractNames.ThisHost}\" nor an address");
        return new FixAction(host, Required(a.Run, "run"), a.Persist, Said(Required(a.Why, "why")));
    }

    private static Finding Finding(CheckDocument? c)
    {
        c = Required(c, "a check", "an object");
        var layer = ParseLayer(Required(c.Layer, "layer"));
        var status = Required(c.Status, "status") switch
        {
            "pass" => CheckStatus.Pass,
            "fail" => CheckStatus.Fail,
            "warn" => CheckStatus.Warn,
            "skip" => CheckStatus.Skip,
            "inconclusive" => CheckStatus.Inconclusive,
            var s => throw new FormatException($"unknown status \"{ReportJson.Excerpt(s)}\""),
        };
        var evidence = Required(c.Evidence, "evidence", "an array")
            .Select(e => Required(e, "an evidence", "an object"))
            .Select(e => new Evidence(Required(e.Source, "source"), Required(e.Detail, "detail")))
            .ToList();
        var code = LayerCode(Required(c.Code, "code"));
        if (code.Layer != layer)
        {
            throw new FormatException($"check code \"{ReportJson.Excerpt(code.Name)}\" does not belong to layer \"{Code.LayerName(layer)}\"");
        }

        return new Finding(code, status, Said(Required(c.Summary, "summary")), evidence, c.Fix is null ? null : Said(c.Fix), c.Ms ?? 0);
    }

    private static PathHop Hop(PathHopDocument? h)
    {
        h = Required(h, "a path hop", "an object");
        var role = ContractNames.FromKebab<PathRole>(Required(h.Role, "role")) ?? throw new FormatException($"unknown path role \"{ReportJson.Excerpt(h.Role!)}\"");
        var mark = ContractNames.FromKebab<PathMark>(Required(h.Mark, "mark")) ?? throw new FormatException($"unknown path mark \"{ReportJson.Excerpt(h.Mark!)}\"");
        IPAddress? address = h.Address is null ? null : IPAddress.TryParse(h.Address, out var ip) ? ip : throw new FormatException("path holds a non-address");
        return new PathHop(role, Required(h.Name, "name"), address, mark, h.Label);
    }

    private static RemoteEnd Remote(RemoteDocument? r)
    {
        r = Required(r, "a remote end", "an object");
        var role = Required(r.Role, "role") switch
        {
            "server" => RemoteRole.Server,
            "compare" => RemoteRole.Compare,
            var s => throw new FormatException($"unknown remote role \"{ReportJson.Excerpt(s)}\""),
        };
        var ok = r.Ok ?? throw new FormatException("\"ok\" is missing or not a boolean");
        return new RemoteEnd(role, Required(r.Via, "via"), ok, r.Error, r.Ms ?? 0, r.Report is null ? null : Report(r.Report));
    }

    /// <summary>Words from the report, which is English: another language says them by the code's meaning (ReportWords).</summary>
    private static Message Said(string english) => Message.Verbatim(english);

    /// <summary>A verdict's code: "ok", "inconclusive", or a layer's code.</summary>
    private static Code VerdictCode(string name) =>
        name == Codes.Ok.Name ? Codes.Ok : name == Codes.Inconclusive.Name ? Codes.Inconclusive : LayerCode(name);

    private static Code LayerCode(string name) =>
        Codes.FromName(name) is { Layer: not null } code ? code : throw new FormatException($"\"{ReportJson.Excerpt(name)}\" is not a verdict code");

    private static Layer ParseLayer(string name) =>
        Enum.TryParse<Layer>(name, ignoreCase: true, out var layer) && Enum.IsDefined(layer) && !name.Any(char.IsDigit)
            ? layer
            : throw new FormatException($"unknown layer \"{ReportJson.Excerpt(name)}\"");

    private static string Required(string? value, string name) =>
        value ?? throw new FormatException($"\"{name}\" is missing or not a string");

    private static T Required<T>(T? value, string name, string kind)
        where T : class =>
        value ?? throw new FormatException($"\"{name}\" is missing or not {kind}");
}
