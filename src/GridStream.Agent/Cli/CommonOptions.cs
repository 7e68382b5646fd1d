using System.CommandLine;
using System.Globalization;
using GridStream.Agent.Connection;
using GridStream.Domain.Swarms.Protocol;

namespace GridStream.Agent.Cli;

/// <summary>The options both commands share, and turning their raw text into checked values.</summary>
internal sealed class CommonOptions
{
    public Option<string> Server { get; } = new("--server") { Description = "The GridStream server, e.g. http://localhost:5080", Required = true };
    public Option<string> Content { get; } = new("--content") { Description = "Id of the content item to watch", Required = true };
    public Option<string> Rendition { get; } = new("--rendition") { Description = "Rendition to watch", DefaultValueFactory = _ => "360p" };
    public Option<string?> Email { get; } = new("--email") { Description = "Viewer account to sign in with (default: sign up a fresh viewer)" };
    public Option<string?> Password { get; } = new("--password") { Description = "Password of that account" };
    public Option<int> Seconds { get; } = new("--seconds") { Description = "How long to watch", DefaultValueFactory = _ => 30 };
    public Option<double> Speed { get; } = new("--speed") { Description = "Media seconds per real second (for demos and tests)", DefaultValueFactory = _ => 1 };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Server, Content, Rendition, Email, Password, Seconds, Speed })
        {
            command.Options.Add(option);
        }
    }

    public Uri ServerUrl(ParseResult parse) => ParseServer(parse.GetValue(Server));

    public static Uri ParseServer(string? given)
    {
        var text = given ?? "";
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new AgentFailure($"'{text}' is not a server address; give one like http://localhost:5080");
        }

        // Relative API paths are resolved against it, which needs a trailing slash to keep any path base.
        return url.AbsolutePath.EndsWith('/') ? url : new Uri(url + "/");
    }

    public ContentRendition Watching(ParseResult parse)
    {
        var text = parse.GetValue(Content) ?? "";
        if (!Guid.TryParse(text, out var content))
        {
            throw new AgentFailure($"'{text}' is not a content id; content ids look like 3f2b…-… (see GET /api/content)");
        }

        var rendition = parse.GetValue(Rendition);
        return string.IsNullOrWhiteSpace(rendition)
            ? throw new AgentFailure("Give a rendition name, e.g. --rendition 360p")
            : new ContentRendition(content, rendition);
    }

    public Credentials? Credentials(ParseResult parse)
    {
        var (email, password) = (parse.GetValue(Email), parse.GetValue(Password));
        return (email, password) switch
        {
            (null, null) => null,
            ({ Length: > 0 }, { Length: > 0 }) => new Credentials(email, password),
            _ => throw new AgentFailure("Give both --email and --password, or neither to sign up a fresh viewer."),
        };
    }

    public TimeSpan Duration(ParseResult parse)
    {
        var seconds = parse.GetValue(Seconds);
        return seconds > 0 ? TimeSpan.FromSeconds(seconds) : throw new AgentFailure("--seconds must be at least 1.");
    }

    public double SpeedFactor(ParseResult parse)
    {
        var speed = parse.GetValue(Speed);
        return speed is > 0 and <= 100
            ? speed
            : throw new AgentFailure(string.Create(CultureInfo.InvariantCulture, $"--speed must be above 0 and at most 100, not {speed}."));
    }
}
