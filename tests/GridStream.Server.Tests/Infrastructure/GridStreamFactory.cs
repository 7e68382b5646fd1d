using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace GridStream.Server.Tests.Infrastructure;

/// <summary>The real server on Kestrel (a real port, real limits) with its own database on the test cluster.</summary>
public sealed class GridStreamFactory : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@gridstream.test";
    public const string AdminPassword = "admin-password-1";

    /// <summary>The tests' origins (TestOrigin, SegmentOrigin) listen on loopback, which the origin guard refuses by default.</summary>
    public const string LoopbackOrigins = "127.0.0.0/8, ::1";

    private readonly string _connectionString;
    private readonly bool _withDemoContent;
    private readonly string _allowedOrigins;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly Action<IServiceCollection>? _services;

    /// <summary>How long Identity's bearer tokens last; null keeps the server's default (an hour).</summary>
    public TimeSpan? BearerTokenLifetime { get; init; }

    /// <param name="withDemoContent">Seed the demo items (off by default: the template database must stay empty, and
    /// most tests don't want the live demo being followed in the background).</param>
    /// <param name="allowedOrigins">GridStream:Origins:Allow; empty for the production default (public origins only).</param>
    /// <param name="settings">Configuration for this server only, on top of the test defaults.</param>
    /// <param name="services">Services that replace the server's own (e.g. the clock), applied after its registrations.</param>
    public GridStreamFactory(
        string connectionString, bool withDemoContent = false, string allowedOrigins = LoopbackOrigins, IReadOnlyDictionary<string, string>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        _services = services;
        _connectionString = connectionString;
        _withDemoContent = withDemoContent;
        _allowedOrigins = allowedOrigins;
        _settings = settings ?? new Dictionary<string, string>();
        UseKestrel(0);
    }

    /// <summary>Generated once per build output and reused by later runs; ffmpeg makes it in a few seconds.</summary>
    public static string DemoMediaDirectory => Path.Combine(AppContext.BaseDirectory, ".gridstream", "media");

    public string ConnectionString => _connectionString;

    /// <summary>This host's own demo accounts file (GridStream:Demo:AccountsFile unless a test sets it), so hosts never share one.</summary>
    public string DemoAccountsFile => _settings.TryGetValue("GridStream:Demo:AccountsFile", out var file)
        ? file
        : _ownAccountsFile ??= Path.Combine(TempFolders.New("demo-accounts"), "demo-accounts.json");

    private string? _ownAccountsFile;

    /// <summary>What the server logged, after the same level filters as its console.</summary>
    public RecordedLogs Logs { get; } = new();

    /// <summary>Starts the host and returns once it reports itself healthy.</summary>
    public async Task StartAsync()
    {
        await Task.Run(StartServer);
        await Health.WaitUntilHealthyAsync(Address, TimeSpan.FromSeconds(30));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:GridStream", _connectionString);
        builder.UseSetting("GridStream:Admin:Email", AdminEmail);
        builder.UseSetting("GridStream:Admin:Password", AdminPassword);
        builder.UseSetting("GridStream:Hangfire:WorkerCount", "1");
        builder.UseSetting("GridStream:Swarm:TrustDeclaredAddresses", "true");
        builder.UseSetting("GridStream:Swarm:SnapshotInterval", "00:00:01");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("GridStream:Demo:Enabled", _withDemoContent ? "true" : "false");
        builder.UseSetting("GridStream:Demo:MediaDirectory", DemoMediaDirectory);
        builder.UseSetting("GridStream:Demo:AccountsFile", DemoAccountsFile);
        builder.UseSetting("GridStream:Origins:Allow", _allowedOrigins);
        builder.UseSetting("Logging:LogLevel:GridStream.Server.Peers.HubCallLoggingFilter", "Information");
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        if (BearerTokenLifetime is { } lifetime)
        {
            builder.ConfigureTestServices(services => services.Configure<BearerTokenOptions>(IdentityConstants.BearerScheme, bearer => bearer.BearerTokenExpiration = lifetime));
        }

        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }

    /// <summary>Where Kestrel listens, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Address => new(Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = Address, HandleCookies = false, AllowAutoRedirect = false });

    public HttpClient WithCookies() => CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = Address, HandleCookies = true, AllowAutoRedirect = false });

    /// <summary>Signs up a new account in the role and returns a client that carries its bearer token.</summary>
    public async Task<HttpClient> SignedUpAsync(string role)
    {
        var email = $"{role}-{Guid.NewGuid():N}@gridstream.test";
        const string password = "correct-horse-1";
        using var anonymous = Anonymous();
        var signUp = await anonymous.PostAsJsonAsync("/api/accounts/signup", new { email, password, role });
        signUp.EnsureSuccessStatusCode();
        return await SignedInAsync(email, password);
    }

    public async Task<HttpClient> SignedInAsync(string email, string password)
    {
        using var anonymous = Anonymous();
        var signIn = await anonymous.PostAsJsonAsync("/api/accounts/signin", new { email, password });
        signIn.EnsureSuccessStatusCode();
        var token = await signIn.Content.ReadFromJsonAsync<TokenResponse>();
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    public Task<HttpClient> AdminAsync() => SignedInAsync(AdminEmail, AdminPassword);

    public HttpClient WithApiKey(string secret)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    public sealed record TokenResponse(string TokenType, string AccessToken, long ExpiresIn, string RefreshToken);
}

/// <summary>Class fixture: a server with a fresh database cloned from the migrated template.</summary>
public class ServerFixture : IAsyncLifetime
{
    private readonly bool _withDemoContent;
    private readonly string _allowedOrigins;
    private readonly IReadOnlyDictionary<string, string>? _settings;
    private readonly Action<IServiceCollection>? _services;
    private GridStreamFactory? _factory;

    public ServerFixture()
        : this(withDemoContent: false)
    {
    }

    protected ServerFixture(
        bool withDemoContent, string allowedOrigins = GridStreamFactory.LoopbackOrigins, IReadOnlyDictionary<string, string>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        _services = services;
        _withDemoContent = withDemoContent;
        _allowedOrigins = allowedOrigins;
        _settings = settings;
    }

    public GridStreamFactory Server => _factory ?? throw new InvalidOperationException("The fixture has not started.");

    public async Task InitializeAsync()
    {
        _factory = new GridStreamFactory(await TestCluster.CreateDatabaseAsync(), _withDemoContent, _allowedOrigins, _settings, _services);
        await _factory.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }
}

/// <summary>
/// Class fixture: a server that seeds the demo content (and generates its media if this build has none yet). It keeps
/// the production default for origins (public only), so the demo items show that the server's own origin is exempt.
/// </summary>
public sealed class DemoServerFixture() : ServerFixture(withDemoContent: true, allowedOrigins: "");

/// <summary>Class fixture: a server with the production default for origins: public addresses only.</summary>
public sealed class PublicOriginsOnlyFixture() : ServerFixture(withDemoContent: false, allowedOrigins: "");

/// <summary>Class fixture: a server whose operator allows the origin host named localhost, and nothing else private.</summary>
public sealed class LocalhostAllowedFixture() : ServerFixture(withDemoContent: false, allowedOrigins: "localhost");
