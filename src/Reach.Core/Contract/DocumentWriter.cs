using Reach.Core.Joining;
using Reach.Core.Model;
using Reach.Core.Text;

namespace Reach.Core.Contract;

/// <summary>The model as a reach/1 document. Sentences are said in English: the contract's language.</summary>
internal static class DocumentWriter
{
    public static ReportDocument Report(Report report, IReadOnlyList<RemoteEnd>? remotes) => new()
    {
        Schema = Model.Report.Schema,
        Target = Target(report.Target),
        Verdict = Verdict(report.Verdict),
        Checks = [.. report.Checks.Select(Check)],
        Problems = [.. report.Problems.Select(p => p.Name)],
        Path = report.Path is { } path ? [.. path.Select(Hop)] : null,
        Remote = remotes is null ? null : [.. remotes.Select(Remote)],
    };

    private static TargetDocument Target(TargetInfo t) => new()
    {
        Input = t.Input,
        Host = t.Host,
        Port = t.Port,
        Addresses = [.. t.Addresses.Select(a => a.ToString())],
        AddressOutcomes = t.AddressOutcomes.Count == 0 ? null : [.. t.AddressOutcomes.Select(Address)],
    };

    private static AddressOutcomeDocument Address(AddressResult a) => new()
    {
        Address = a.Address.ToString(),
        Family = a.IsIPv6 ? "ipv6" : "ipv4",
        Outcome = a.Outcome,
        Detail = a.Detail,
        Verdict = a.IsVerdict,
    };

    private static VerdictDocument Verdict(Verdict v) => new()
    {
        Code = v.Code.Name,
        Layer = v.Layer is { } layer ? ContractNames.Layer(layer) : null,
        Summary = English(v.Summary),
        Fix = English(v.Fix),
        Actions = [.. v.Actions.Select(Action)],
    };

    private static ActionDocument Action(FixAction a) => new()
    {
        On = a.On?.ToString() ?? ContractNames.ThisHost,
        Run = a.Run,
        Persist = a.Persist,
        Why = English(a.Why),
    };

    private static CheckDocument Check(Finding f) => new()
    {
        Layer = ContractNames.Layer(f.Layer),
        Status = ContractNames.Status(f.Status),
        Code = f.Code.Name,
        Summary = English(f.Summary),
        Fix = f.Fix is { } fix ? English(fix) : null,
        Evidence = [.. f.Evidence.Select(e => new EvidenceDocument { Source = e.Source, Detail = e.Detail })],
        Ms = Math.Round(f.Ms, 1),
    };

    private static PathHopDocument Hop(PathHop h) => new()
    {
        Role = ContractNames.Kebab(h.Role),
        Name = h.Name,
        Address = h.Address?.ToString(),
        Mark = ContractNames.Kebab(h.Mark),
        Label = h.LabelText is { } label ? English(label) : h.Label,
    };

    /// <summary>reach/1 is English whatever the reader's language: scripts match on it.</summary>
    private static string English(Message m) => Catalog.English.Format(m);

    private static RemoteDocument Remote(RemoteEnd r) => new()
    {
        Role = ContractNames.Role(r.Role),
        Via = r.Via,
        Ok = r.Ok,
        Error = r.Error,
        Ms = Math.Round(r.Ms, 1),
        Report = r.Report is null ? null : Report(r.Report, null),
    };
}
