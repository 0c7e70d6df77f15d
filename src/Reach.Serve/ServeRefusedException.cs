using Reach.Core.Text;

namespace Reach.Serve;

/// <summary>Why `reach serve` will not start as asked (exit 2): an open listener without authentication, an unusable file.</summary>
public sealed class ServeRefusedException : Exception
{
    public ServeRefusedException(Message text)
        : base(text?.ToString())
    {
        Text = text!;
    }

    public ServeRefusedException()
    {
        Text = Reach.Core.Text.Message.Of("error.serve.refused");
    }

    public ServeRefusedException(string message)
        : base(message)
    {
        Text = Reach.Core.Text.Message.Of("error.serve.refused");
    }

    public ServeRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Text = Reach.Core.Text.Message.Of("error.serve.refused");
    }

    /// <summary>The sentence, said in the reader's language by the CLI.</summary>
    public Message Text { get; }
}
