using Reach.Core.Model;
using Reach.Core.Text;

namespace Reach.Core.Paths;

/// <summary>Puts the blame on one node of a path: that node marked and labelled, what lies beyond it not reached.</summary>
internal static class PathMarks
{
    /// <param name="at">The node that failed (<see cref="PathMark.Fails"/>) or the node the broken link leads to (<see cref="PathMark.LinkFails"/>).</param>
    public static List<PathHop> Apply(List<PathHop> hops, int at, PathMark mark, Message labelText)
    {
        var label = labelText.ToString();
        for (var i = 0; i < hops.Count; i++)
        {
            if (i == at)
            {
                hops[i] = hops[i] with { Mark = mark, Label = label, LabelText = labelText };
            }
            else if (i > at && hops[i].Mark == PathMark.Ok)
            {
                hops[i] = hops[i] with { Mark = PathMark.NotReached };
            }
        }

        return hops;
    }
}
