using GridStream.Server.Tests.Infrastructure;

namespace GridStream.Server.Tests.WebApp;

/// <summary>A stand-in for web/dist as Vite leaves it: index.html and hashed bundles under assets/.</summary>
internal static class BuiltWebApp
{
    public const string IndexMarker = "<!-- the viewer app's index.html -->";
    public const string BundleName = "index-Ab12Cd34.js";
    public const string TaskWorkerName = "task-worker-Ef56Gh78.js";

    public static string Create()
    {
        var root = TempFolders.New("webapp");
        Directory.CreateDirectory(Path.Combine(root, "assets"));
        File.WriteAllText(Path.Combine(root, "index.html"), $"<!doctype html><html><body>{IndexMarker}</body></html>");
        File.WriteAllText(Path.Combine(root, "assets", BundleName), "console.log('bundle');");
        File.WriteAllText(Path.Combine(root, "assets", TaskWorkerName), "console.log('worker');");
        File.WriteAllText(Path.Combine(root, "assets", TaskWorkerName + ".map"), "{}");
        return root;
    }
}

/// <summary>Class fixture: a server whose GridStream:Web:Root holds a built app.</summary>
public sealed class WebAppServerFixture() : ServerFixture(
    withDemoContent: false, settings: new Dictionary<string, string> { ["GridStream:Web:Root"] = BuiltWebApp.Create() });

/// <summary>Class fixture: a server whose GridStream:Web:Root has no built app in it.</summary>
public sealed class NoWebAppServerFixture() : ServerFixture(
    withDemoContent: false, settings: new Dictionary<string, string> { ["GridStream:Web:Root"] = TempFolders.New("no-webapp") });
