using System.Collections.Concurrent;
using GridStream.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GridStream.Browser.Tests.Infrastructure;

/// <summary>
/// Class fixture: the real server (demo content on its own origin, a fresh database) serving the built viewer app,
/// and Debian's Chromium driven by Playwright (FACTS: ExecutablePath, no sandbox as root, mDNS candidates off so
/// WebRTC connects on this machine). Each test opens its own browser context: its own cookies, a viewer of its own.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private GridStreamFactory? _server;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private static int _pages;
    private readonly List<IBrowserContext> _contexts = [];

    public GridStreamFactory Server => _server ?? throw new InvalidOperationException("The fixture has not started.");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>The path and query of every request the server received, in arrival order.</summary>
    public ConcurrentQueue<string> RequestPaths { get; } = new();

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"No Chromium at {ChromiumPath}. Run tests/GridStream.Browser.Tests/prerequisites.sh as root (tests/run.sh does), or apt-get install -y chromium.");
        }

        var dist = await WebAppBuild.DistFolderAsync();
        _server = new GridStreamFactory(
            await TestCluster.CreateDatabaseAsync(), withDemoContent: true, allowedOrigins: "",
            settings: new Dictionary<string, string> { ["GridStream:Web:Root"] = dist },
            services: services => services.AddSingleton<IStartupFilter>(new RequestRecorder(RequestPaths)));
        await _server.StartAsync();

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-features=WebRtcHideLocalIpsWithMdns", "--autoplay-policy=no-user-gesture-required"],
        });
    }

    /// <summary>A fresh browser profile pointed at the server.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.Address.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        context.SetDefaultTimeout(30_000);
        lock (_contexts)
        {
            _contexts.Add(context);
        }

        var page = await context.NewPageAsync();
        var log = Path.Combine(Screenshots.Folder, $"console-{Interlocked.Increment(ref _pages)}.log");
        Directory.CreateDirectory(Screenshots.Folder);
        page.Console += (_, message) => File.AppendAllText(log, $"{DateTime.UtcNow:HH:mm:ss.fff} {message.Type} {message.Text}\n");
        return page;
    }

    /// <summary>
    /// Closes every page the tests opened that is still open: a test that failed half-way must not leave its viewers in
    /// the swarm of the next test on the same server.
    /// </summary>
    public async Task CloseOpenPagesAsync()
    {
        List<IBrowserContext> open;
        lock (_contexts)
        {
            open = [.. _contexts];
            _contexts.Clear();
        }

        foreach (var context in open)
        {
            await context.CloseAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
