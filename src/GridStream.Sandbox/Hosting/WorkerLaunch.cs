using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace GridStream.Sandbox.Hosting;

/// <summary>
/// How to start a worker: the running dotnet host with this very assembly, <c>dotnet GridStream.Sandbox.dll worker</c>.
/// Any project referencing GridStream.Sandbox gets its dll, runtimeconfig.json and deps.json in its own output folder,
/// so this works from the agent, the server and the tests alike.
/// </summary>
internal static class WorkerLaunch
{
    public static ProcessStartInfo StartInfo(string? dotnetHostPath, long heapLimitBytes)
    {
        var assembly = typeof(WorkerLaunch).Assembly.Location;
        if (string.IsNullOrEmpty(assembly))
        {
            assembly = Path.Combine(AppContext.BaseDirectory, "GridStream.Sandbox.dll");
        }

        var runtimeConfig = Path.ChangeExtension(assembly, ".runtimeconfig.json");
        if (!File.Exists(runtimeConfig))
        {
            throw new InvalidOperationException($"The sandbox worker cannot start: {runtimeConfig} is missing (is GridStream.Sandbox referenced as a project?).");
        }

        var start = new ProcessStartInfo(dotnetHostPath ?? FindDotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add("--runtimeconfig");
        start.ArgumentList.Add(runtimeConfig);
        start.ArgumentList.Add(assembly);
        start.ArgumentList.Add(WorkerLoop.Argument);

        // The OS-level memory limit: the GC refuses to grow the managed heap past it, which Jint's own allocation
        // budget cannot promise (typed arrays and long strings get past that).
        start.Environment["DOTNET_GCHeapHardLimit"] = heapLimitBytes.ToString("X", CultureInfo.InvariantCulture);
        // One unit at a time on one thread: a workstation, non-concurrent GC keeps the process small and its CPU
        // time the unit's own.
        start.Environment["DOTNET_gcServer"] = "0";
        start.Environment["DOTNET_gcConcurrent"] = "0";
        start.Environment.Remove("DOTNET_GCHeapHardLimitPercent");
        start.Environment.Remove("DOTNET_GCHeapLimit");
        return start;
    }

    private static string FindDotnetHost()
    {
        var hostName = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "dotnet.exe" : "dotnet";
        if (Environment.ProcessPath is { } self && Path.GetFileName(self) == hostName)
        {
            return self;
        }

        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
        {
            return hostPath;
        }

        // An app started through its own launcher: the host sits three folders above the shared runtime
        // (<root>/shared/Microsoft.NETCore.App/<version>/).
        var runtime = RuntimeEnvironment.GetRuntimeDirectory().TrimEnd(Path.DirectorySeparatorChar);
        var root = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(runtime)));
        if (root is not null && File.Exists(Path.Combine(root, hostName)))
        {
            return Path.Combine(root, hostName);
        }

        return hostName;
    }
}
