using Microsoft.AspNetCore.Http;

namespace Reach.Serve.Http;

/// <summary>
/// With --token-file, every request but the health checks must carry `Authorization: Bearer TOKEN`;
/// 401 otherwise (RFC 6750 3: with WWW-Authenticate), before anything else is read or probed.
/// </summary>
internal static class BearerAuthentication
{
    public static async Task InvokeAsync(HttpContext http, RequestDelegate next, ServeState state)
    {
        if (state.Current.Token is { } token
            && http.Request.Path.Value is not ("/-/healthy" or "/-/ready")
            && !token.Accepts(http.Request.Headers.Authorization))
        {
            http.Response.Headers.WWWAuthenticate = "Bearer realm=\"reach\"";
            var why = http.Request.Headers.Authorization.Count == 0 ? "no bearer token: send Authorization: Bearer TOKEN" : "the bearer token is wrong";
            await Answers.TextAsync(http, StatusCodes.Status401Unauthorized, why).ConfigureAwait(false);
            return;
        }

        await next(http).ConfigureAwait(false);
    }
}
