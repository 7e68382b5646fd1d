using Microsoft.Extensions.FileProviders;

namespace GridStream.Server.WebApp;

/// <summary>
/// Serves the built viewer app (web/dist, made by Vite). Only two things are served from it, so it can never shadow
/// /api, /hubs, /hangfire, /healthz or /origin: the hashed bundles under /assets, and index.html at the app's own page
/// paths (the browser's router takes over from there). Without a built app the server runs API-only and says how to
/// build it.
/// </summary>
internal static class WebAppHosting
{
    /// <summary>The paths of the app's pages (web/src/main.ts), answered with index.html so reloads and links work.</summary>
    public static readonly IReadOnlyList<string> PagePaths = ["/", "/signin", "/signup", "/catalog", "/wallet", "/watch/{id:guid}", "/customer", "/owner", "/admin"];

    private const string IndexFile = "index.html";

    public static void UseGridStreamWebApp(this WebApplication app)
    {
        var root = WebAppRoot(app.Configuration, app.Environment);
        var index = Path.Combine(root, IndexFile);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WebAppHosting).FullName!);
        if (!File.Exists(index))
        {
            logger.LogWarning(
                "No viewer app at {Root}: serving the API only. Build it with `cd web && npm ci && npm run build` (src/GridStream.Server/run.sh does it for you), or set GridStream:Web:Root to a built app.",
                root);
            return;
        }

        logger.LogInformation("Serving the viewer app from {Root}", root);
        var assets = Path.Combine(root, "assets");
        if (Directory.Exists(assets))
        {
            app.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = new PhysicalFileProvider(assets),
                RequestPath = "/assets",
                OnPrepareResponse = context =>
                {
                    // Vite puts a content hash in every bundle's name: a changed file is a new name, so caching forever is safe.
                    context.Context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
                    if (TaskWorkerPolicy.Covers(context.File.Name))
                    {
                        context.Context.Response.Headers.ContentSecurityPolicy = TaskWorkerPolicy.ContentSecurityPolicy;
                    }
                },
            });
        }

        foreach (var path in PagePaths)
        {
            app.MapGet(path, (HttpContext context) =>
                {
                    // index.html names the current bundles, so it must be fetched afresh after every build.
                    context.Response.Headers.CacheControl = "no-cache";
                    return Results.File(index, "text/html; charset=utf-8");
                })
                .AllowAnonymous()
                .ExcludeFromDescription();
        }
    }

    /// <summary>GridStream:Web:Root when set, else web/dist of the repository the server runs from.</summary>
    private static string WebAppRoot(IConfiguration configuration, IWebHostEnvironment environment) =>
        Path.GetFullPath(configuration["GridStream:Web:Root"] ?? Path.Combine(environment.ContentRootPath, "..", "..", "web", "dist"));
}
