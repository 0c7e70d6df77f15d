using System.Security.Cryptography;
using System.Text;

namespace Reach.Serve.Policy;

/// <summary>
/// The token of --token-file: requests must carry `Authorization: Bearer TOKEN` (RFC 6750 2.1), as
/// Prometheus sends it with `authorization: { credentials_file: … }`. Compared in constant time.
/// </summary>
public sealed class BearerToken
{
    /// <summary>Short tokens are guessable; 16 bytes of randomness in hex is 32 characters.</summary>
    public const int MinLength = 16;

    private readonly byte[] expected;

    private BearerToken(byte[] expected) => this.expected = expected;

    /// <summary>The file's first line, trimmed; null and the reason when it is not usable.</summary>
    public static BearerToken? Load(string path, out string? error)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"cannot read {path}: {e.Message}";
            return null;
        }

        var token = text.Split('\n')[0].Trim();
        if (token.Length < MinLength || token.Any(c => c <= ' ' || c > '~'))
        {
            error = $"{path}: the token must be at least {MinLength} printable ASCII characters without spaces (`openssl rand -hex 32 > {path}`)";
            return null;
        }

        error = null;
        return new BearerToken(Encoding.ASCII.GetBytes(token));
    }

    /// <summary>Whether an Authorization header value carries this token.</summary>
    public bool Accepts(string? authorization)
    {
        const string scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var given = Encoding.ASCII.GetBytes(authorization[scheme.Length..].Trim());
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }
}
