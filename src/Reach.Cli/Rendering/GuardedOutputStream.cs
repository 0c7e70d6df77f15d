namespace Reach.Cli.Rendering;

/// <summary>
/// stdout as the commands see it: a write that fails does not end the run. The verdict's exit status
/// is the contract (scripts run `reach check ... >/dev/null` or pipe into `head`), so a report that
/// cannot be written must not turn an answer into a crash. The first failure is kept for one line on
/// stderr; later writes are dropped. (.NET already ignores EPIPE on the console stream: a reader that
/// left is not a failure.)
/// </summary>
public sealed class GuardedOutputStream(Stream inner) : Stream
{
    /// <summary>The first write error, null while every write succeeded.</summary>
    public IOException? Failure { get; private set; }

    /// <summary>
    /// The process's stdout, or a sink when descriptor 1 is closed (`reach check web1:80 >&-`): .NET's
    /// OpenStandardOutput dup()s descriptor 1 and throws on EBADF, which unhandled aborted the process.
    /// </summary>
    public static GuardedOutputStream OpenStandardOutput()
    {
        try
        {
            return new GuardedOutputStream(Console.OpenStandardOutput());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new GuardedOutputStream(Null);
        }
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (Failure is not null)
        {
            return;
        }

        try
        {
            inner.Write(buffer);
        }
        catch (IOException e)
        {
            Failure = e;
        }
    }

    public override void Flush()
    {
        if (Failure is not null)
        {
            return;
        }

        try
        {
            inner.Flush();
        }
        catch (IOException e)
        {
            Failure = e;
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
