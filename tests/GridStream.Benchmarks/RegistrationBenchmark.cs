using System.Diagnostics;
using System.Net.Http.Json;
using GridStream.Domain.Swarms.Protocol;
using Microsoft.AspNetCore.SignalR.Client;

namespace GridStream.Benchmarks;

/// <summary>
/// Registrations per second through the real peer hub of a running server: many SignalR connections register at
/// once, each as a differently placed viewer, and withdraw. Connection set-up is outside the timed part, so the
/// figure is the hub's Register (profile, content check, grouping, first source plan) under concurrency.
/// </summary>
internal static class RegistrationBenchmark
{
    public static int Run(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: registrations <server-url> <content-id> [rendition=640x360] [connections=400] [rounds=5] [server-pid]");
            return 2;
        }

        var server = new Uri(args[0]);
        var content = Guid.Parse(args[1]);
        var rendition = args.Length > 2 ? args[2] : "640x360";
        var connections = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 400;
        var rounds = args.Length > 4 ? int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture) : 5;
        var serverPid = args.Length > 5 ? int.Parse(args[5], System.Globalization.CultureInfo.InvariantCulture) : (int?)null;
        return RunAsync(server, content, rendition, connections, rounds, serverPid).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(Uri server, Guid content, string rendition, int connectionCount, int rounds, int? serverPid)
    {
        var token = await ViewerTokenAsync(server);
        var hubs = new List<HubConnection>();
        for (var i = 0; i < connectionCount; i++)
        {
            var hub = new HubConnectionBuilder()
                .WithUrl(new Uri(server, PeerHubMethods.Path), options => options.AccessTokenProvider = () => Task.FromResult<string?>(token))
                .Build();
            await hub.StartAsync();
            hubs.Add(hub);
        }

        Console.WriteLine($"registrations: {connectionCount} connections, {rounds} rounds of register + withdraw each");
        var total = 0;
        var registering = TimeSpan.Zero;
        var rates = new List<double>();
        var serverCpuBefore = ServerCpu(serverPid);
        for (var round = 0; round < rounds; round++)
        {
            var started = Stopwatch.GetTimestamp();
            await Task.WhenAll(hubs.Select((hub, i) => hub.InvokeAsync<RegisterResponse>(PeerHubMethods.Register, new RegisterRequest(
                new ContentRendition(content, rendition),
                new DeclaredNetwork($"edge-{i % 4}", ["home", $"isp-{i % 7}", "edge"], 20_000, 5_000 + i % 20 * 1_000,
                    DeclaredAddress: $"10.{1 + i % 3}.{i / 250 % 250}.{i % 250 + 1}")))));
            var elapsed = Stopwatch.GetElapsedTime(started);
            registering += elapsed;
            total += hubs.Count;
            Console.WriteLine($"round {round + 1}: {hubs.Count} registrations in {elapsed.TotalMilliseconds:0} ms = {hubs.Count / elapsed.TotalSeconds:0}/s");
            rates.Add(hubs.Count / elapsed.TotalSeconds);
            await Task.WhenAll(hubs.Select(hub => hub.InvokeAsync(PeerHubMethods.Withdraw)));
        }

        Console.WriteLine($"overall: {total} registrations in {registering.TotalSeconds:0.00} s = {total / registering.TotalSeconds:0}/s");
        var steady = rates.Skip(1).Order().ToList();
        if (steady.Count > 0)
        {
            Console.WriteLine($"rounds 2–{rates.Count}: median {steady[steady.Count / 2]:0}/s, slowest {steady[0]:0}/s, {steady.Count(rate => rate >= 2_000)} of {steady.Count} at 2,000/s or more");
        }

        if (ServerCpu(serverPid) - serverCpuBefore is var cpu && serverPid is not null)
        {
            // Register and withdraw both count: the server's CPU per round trip pair, whatever else shares the machine.
            Console.WriteLine($"server CPU: {cpu.TotalSeconds:0.00} s = {cpu.TotalMilliseconds * 1_000 / total:0} µs per registration (with its withdrawal); load average {File.ReadAllText("/proc/loadavg")[..14]}");
        }
        await Task.WhenAll(hubs.Select(hub => hub.DisposeAsync().AsTask()));
        return 0;
    }

    /// <summary>User plus system time of a local server process, from /proc (Linux).</summary>
    private static TimeSpan ServerCpu(int? pid)
    {
        if (pid is null)
        {
            return TimeSpan.Zero;
        }

        var fields = File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var ticks = long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ is 100 on Linux
    }

    private static async Task<string> ViewerTokenAsync(Uri server)
    {
        using var http = new HttpClient { BaseAddress = server };
        var email = $"bench-{Guid.NewGuid():N}@gridstream.test";
        const string password = "benchmark-1";
        (await http.PostAsJsonAsync("/api/accounts/signup", new { email, password, role = "viewer" })).EnsureSuccessStatusCode();
        var signIn = await http.PostAsJsonAsync("/api/accounts/signin", new { email, password });
        signIn.EnsureSuccessStatusCode();
        return (await signIn.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
    }

    private sealed record TokenResponse(string AccessToken);
}
