using Reach.Core.Model;
using Reach.Core.Observations;
using Reach.Core.Text;

namespace Reach.Core.Assessment;

/// <summary>
/// What the other addresses of a name change about the verdict. Applications try getaddrinfo's
/// addresses in order: clients with Happy Eyeballs (RFC 8305) race the next one after about 250 ms,
/// most others (plain connect loops: many libraries, scripts, JVM defaults) wait out their whole connect
/// timeout on each address before the next. So a failing first address is the verdict, and a working
/// later one is said next to it, not instead of it.
/// </summary>
public static class AddressChoice
{
    /// <summary>Every address with its outcome, the first one (the verdict's) included, in getaddrinfo's order.</summary>
    public static IReadOnlyList<AddressOutcome> All(ClientObservations o) =>
        o.Address is null
            ? []
            : [new AddressOutcome(0, o.Address, o.Route, o.Connect, o.TargetPing), .. o.OtherAddresses];

    /// <summary>A sentence to add to a failing verdict when another address gets through; null otherwise.</summary>
    public static Message? NoteText(ClientObservations o, Verdict verdict)
    {
        if (verdict.IsOk || o.Address is null || o.OtherAddresses.Count == 0)
        {
            return null;
        }

        var working = o.OtherAddresses.Where(a => a.Works).ToList();
        if (working.Count == 0)
        {
            return Message.Of("address.others-fail", ("outcomes", Describe(o.OtherAddresses)));
        }

        var first = All(o)[0];
        var otherFamily = working.FirstOrDefault(w => w.Family != first.Family);
        var which = string.Join(", ", working.Select(w => w.Address));
        return otherFamily is not null
            ? Message.Of("address.first.other-family", ("address", $"{o.Address}"), ("which", which), ("family", $"{otherFamily.Family}"), ("first-family", $"{first.Family}"))
            : Message.Of("address.first.same-family", ("address", $"{o.Address}"), ("which", which));
    }

    /// <summary>The addresses other than the first, in words, for evidence.</summary>
    public static string Describe(IEnumerable<AddressOutcome> outcomes) =>
        string.Join("; ", outcomes.Select(a => $"{a.Address}: {a.Describe()}"));
}
