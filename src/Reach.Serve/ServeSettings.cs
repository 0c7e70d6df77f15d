using System.Security.Cryptography.X509Certificates;
using Reach.Serve.Config;
using Reach.Serve.Policy;

namespace Reach.Serve;

/// <summary>Everything read from files, checked, as one value: swapped whole on a reload, so a request sees the old or the new, never a mix.</summary>
public sealed record ServeSettings(ServeConfig Config, BearerToken? Token, WebConfig? Web, X509Certificate2? Certificate, X509Certificate2Collection? ClientCas);
