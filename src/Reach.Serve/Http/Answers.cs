using System.Text;
using Microsoft.AspNetCore.Http;

namespace Reach.Serve.Http;

/// <summary>Plain-text answers (a status and one line), and the note a request leaves for its log line.</summary>
internal static class Answers
{
    public const string NoteKey = "reach.note";

    public static async Task TextAsync(HttpContext http, int status, string text, string? note = null)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/plain; charset=utf-8";
        Note(http, note ?? text);
        await http.Response.WriteAsync(text + "\n", Encoding.UTF8, http.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>What the request's log line adds after its status: the verdict, or why it was refused.</summary>
    public static void Note(HttpContext http, string note) => http.Items[NoteKey] = note;

    public static async Task BytesAsync(HttpContext http, string contentType, MemoryStream body)
    {
        http.Response.StatusCode = 200;
        http.Response.ContentType = contentType;
        http.Response.ContentLength = body.Length;
        body.Position = 0;
        await body.CopyToAsync(http.Response.Body, http.RequestAborted).ConfigureAwait(false);
    }

    public static bool WantsJson(HttpContext http) =>
        string.Equals(http.Request.Query["format"], "json", StringComparison.OrdinalIgnoreCase)
        || http.Request.Headers.Accept.Any(a => a is not null && a.Contains("application/json", StringComparison.OrdinalIgnoreCase));

    public static bool IsTrue(string? value) => value is not null && (value == "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase));
}
