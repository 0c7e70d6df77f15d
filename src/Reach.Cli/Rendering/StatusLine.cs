using Reach.Core.Model;
using Reach.Core.Text;

namespace Reach.Cli.Rendering;

/// <summary>
/// One line on a terminal's stderr that says what the check is doing while it runs: the layers whose
/// observations are in, and what it waits for ("waiting up to 2.0 s for a late host-unreachable from
/// 10.1.1.1"). Rewritten in place with CR and "erase line" (ECMA-48 EL, CSI 2 K), erased before the
/// report is printed. Only for the text format on a terminal: a pipe, a log file or a JSON, Markdown
/// or HTML report never gets these bytes.
/// </summary>
public sealed class StatusLine : IDisposable
{
    private readonly TextWriter error;
    private readonly int width;
    private readonly List<string> done = [];
    private readonly Lock gate = new();
    private readonly Catalog catalog;
    private string waiting = string.Empty;
    private bool shown;

    /// <param name="catalog">The reader's language, for what the engine says it waits for (null: English).</param>
    public StatusLine(TextWriter error, bool enabled, int width = 80, Catalog? catalog = null)
    {
        this.error = error;
        this.catalog = catalog ?? Catalog.English;
        this.width = Math.Max(20, width);
        Enabled = enabled;
    }

    public bool Enabled { get; }

    /// <summary>Whether a status line belongs on this stderr: a terminal, and a report meant for a person reading the terminal.</summary>
    public static bool Wanted(ReportFormat format, bool stderrIsTerminal) => format == ReportFormat.Text && stderrIsTerminal;

    public void Observed(Layer layer)
    {
        lock (gate)
        {
            done.Add(Code.LayerName(layer));
            waiting = string.Empty;
            Draw();
        }
    }

    /// <summary>What the check waits for now, as the engine says it (a "progress.*" message), in the reader's language.</summary>
    public void Waiting(Message what)
    {
        var text = catalog.Format(what);
        lock (gate)
        {
            waiting = text;
            Draw();
        }
    }

    /// <summary>Erases the line, so the report starts on a clean one.</summary>
    public void Clear()
    {
        lock (gate)
        {
            if (Enabled && shown)
            {
                error.Write("\r\u001b[2K");
                error.Flush();
                shown = false;
            }
        }
    }

    public void Dispose() => Clear();

    /// <summary>The text of the line, without the control characters (what a test reads).</summary>
    public string Text
    {
        get
        {
            lock (gate)
            {
                var layers = done.Count == 0 ? string.Empty : "✔ " + string.Join(" ", done);
                var text = "reach: " + layers + (waiting.Length > 0 ? (layers.Length > 0 ? " · " : string.Empty) + waiting : string.Empty);
                return text.Length <= width - 1 ? text : text[..(width - 2)] + "…";
            }
        }
    }

    private void Draw()
    {
        if (!Enabled)
        {
            return;
        }

        error.Write("\r\u001b[2K" + Text);
        error.Flush();
        shown = true;
    }
}
