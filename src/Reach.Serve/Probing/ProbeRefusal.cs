namespace Reach.Serve.Probing;

/// <summary>Why a probe was not run: the HTTP status (400 bad input, 403 not allowed) and one line saying why.</summary>
public sealed record ProbeRefusal(int Status, string Reason);
