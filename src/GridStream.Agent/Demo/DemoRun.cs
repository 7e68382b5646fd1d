using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GridStream.Agent.Cli;
using GridStream.Agent.Connection;
using GridStream.Agent.Swarming;
using GridStream.Domain.Accounts;
using GridStream.Domain.Demo;
using GridStream.Domain.Swarms.Protocol;

namespace GridStream.Agent.Demo;

/// <param name="Admin">Sign-in of an admin, for a server whose admin is configured (its demo then has none of its own).</param>
internal sealed record DemoSettings(
    Uri Server, TimeSpan Duration, int Viewers, int ComputingViewers, int Cores, string AccountsFile, Credentials? Admin, bool MayStartServer);

/// <summary>
/// The whole loop on one server (issue 8, "the main job"): a customer's job computed by a swarm of headless viewers
/// watching the live demo stream, the credits they earn spent on the premium item, the owner paid for those sales,
/// and the books checked — each step through the public API, as the three kinds of users would do it.
/// </summary>
internal static class DemoRun
{
    private static readonly TimeSpan ContentPatience = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan JobProgressEvery = TimeSpan.FromSeconds(5);

    public static async Task<DemoSummary> RunAsync(DemoSettings settings, HttpClient http, TextWriter progress, CancellationToken cancellationToken)
    {
        var startedServer = await ServerStarter.EnsureRunningAsync(http, settings.Server, settings.MayStartServer, progress, cancellationToken).ConfigureAwait(false);
        await WaitForLiveStreamAsync(http, settings.Server, progress, cancellationToken).ConfigureAwait(false);
        var signIns = await DemoAccountsFile.ReadAsync(settings.AccountsFile, cancellationToken).ConfigureAwait(false);

        var customer = await SignInAsync(http, settings.Server, signIns, Roles.Customer, cancellationToken).ConfigureAwait(false);
        var submitted = await customer.PostAsync("api/jobs", DemoJob.Create(), cancellationToken).ConfigureAwait(false);
        var jobId = submitted.GetProperty("id").GetGuid();
        await progress.WriteLineAsync($"The demo customer submitted job {jobId}: {DemoJob.Units:N0} units of {DemoJob.Sample}, two agreeing results each").ConfigureAwait(false);

        var computeAccounts = await ComputeAccountsAsync(http, settings, signIns, cancellationToken).ConfigureAwait(false);
        var viewers = new List<SignedInClient>();
        foreach (var account in computeAccounts)
        {
            viewers.Add(await SignedInClient.SignInAsync(http, settings.Server, account, cancellationToken).ConfigureAwait(false));
        }

        var before = await BalancesAsync(viewers, cancellationToken).ConfigureAwait(false);
        var swarm = await WatchAndComputeAsync(settings, computeAccounts, customer, jobId, http, progress, cancellationToken).ConfigureAwait(false);
        var earned = (await BalancesAsync(viewers, cancellationToken).ConfigureAwait(false)).Zip(before, (after, was) => after - was).Sum();

        var licenses = await BuyLicensesAsync(viewers, progress, cancellationToken).ConfigureAwait(false);
        var owner = await SignInAsync(http, settings.Server, signIns, Roles.Owner, cancellationToken).ConfigureAwait(false);
        var admin = settings.Admin is { } configured
            ? await SignedInClient.SignInAsync(http, settings.Server, configured, cancellationToken).ConfigureAwait(false)
            : await SignInAsync(http, settings.Server, signIns, Roles.Admin, cancellationToken).ConfigureAwait(false);
        var payout = await DemoPayouts.RunAsync(admin, owner, progress, cancellationToken).ConfigureAwait(false);
        var books = DemoPayouts.Books(await admin.GetAsync("api/admin/reconciliation", cancellationToken).ConfigureAwait(false));

        var job = await customer.GetAsync($"api/jobs/{jobId}", cancellationToken).ConfigureAwait(false);
        return new DemoSummary(
            settings.Server.ToString(), swarm, jobId, job.GetProperty("counts").GetProperty("accepted").GetInt64(), job.GetProperty("units").GetInt64(),
            earned, licenses, payout, books,
            [.. signIns.Accounts.Select(account => new DemoAccountLine(account.Role, account.Email, account.Password))], startedServer);
    }

    private static async Task WaitForLiveStreamAsync(HttpClient http, Uri server, TextWriter progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var url = new Uri(server, $"api/content/{DemoItems.Live}/segments?rendition={DemoItems.Rendition}&count=1");
        var noted = false;
        while (true)
        {
            using (var response = await http.GetAsync(url, cancellationToken).ConfigureAwait(false))
            {
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }

            if (clock.Elapsed > ContentPatience)
            {
                throw new AgentFailure("The live demo stream never became ready: is the server's demo switched off (GridStream__Demo__Enabled=false)?");
            }

            if (!noted)
            {
                await progress.WriteLineAsync("Waiting for the demo content to be ready…").ConfigureAwait(false);
                noted = true;
            }

            await Task.Delay(500, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<SignedInClient> SignInAsync(HttpClient http, Uri server, DemoSignIns signIns, string role, CancellationToken cancellationToken)
    {
        var account = signIns.For(role) ?? throw new AgentFailure(role == Roles.Admin
            ? "The server has a configured admin, so its demo has none: give --admin-email and --admin-password."
            : $"The demo accounts file lists no {role}.");
        return await SignedInClient.SignInAsync(http, server, new Credentials(account.Email, account.Password), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The demo viewer computes (so signing in as it shows credits and a license), the others on fresh accounts: one account per computing viewer.</summary>
    private static async Task<List<Credentials>> ComputeAccountsAsync(HttpClient http, DemoSettings settings, DemoSignIns signIns, CancellationToken cancellationToken)
    {
        var accounts = new List<Credentials>();
        if (settings.ComputingViewers > 0 && signIns.For(Roles.Viewer) is { } viewer)
        {
            accounts.Add(new Credentials(viewer.Email, viewer.Password));
        }

        while (accounts.Count < settings.ComputingViewers)
        {
            accounts.Add(await ServerAccount.SignUpFreshViewerAsync(http, settings.Server, cancellationToken).ConfigureAwait(false));
        }

        return accounts;
    }

    private static async Task<SwarmSummary> WatchAndComputeAsync(
        DemoSettings settings, List<Credentials> computeAccounts, SignedInClient customer, Guid jobId, HttpClient http, TextWriter progress, CancellationToken cancellationToken)
    {
        var swarmSettings = new SwarmSettings(
            settings.Server, new ContentRendition(DemoItems.Live, DemoItems.Rendition), settings.Viewers, settings.Duration,
            ComputingViewers: computeAccounts.Count, ComputeCores: settings.Cores, ComputeAccounts: computeAccounts);
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var jobLines = WriteJobProgressAsync(customer, jobId, progress, watching.Token);
        var outcomes = await SwarmRunner.RunAsync(swarmSettings, http, progress, cancellationToken).ConfigureAwait(false);
        await watching.CancelAsync().ConfigureAwait(false);
        await jobLines.ConfigureAwait(false);
        return SwarmSummary.Of((int)settings.Duration.TotalSeconds, outcomes);
    }

    private static async Task WriteJobProgressAsync(SignedInClient customer, Guid jobId, TextWriter progress, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(JobProgressEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                var job = await customer.GetAsync($"api/jobs/{jobId}", cancellationToken).ConfigureAwait(false);
                var counts = job.GetProperty("counts");
                await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"       job: {counts.GetProperty("accepted").GetInt64():N0}/{job.GetProperty("units").GetInt64():N0} units validated · {counts.GetProperty("inProgress").GetInt64()} running · {job.GetProperty("unitsPerSecond").GetDouble():0.0} units/s · {job.GetProperty("costCents").GetInt64() / 100m:0.00} USD so far"))
                    .ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Watching is over.
        }
    }

    private static async Task<List<long>> BalancesAsync(List<SignedInClient> viewers, CancellationToken cancellationToken)
    {
        var balances = new List<long>(viewers.Count);
        foreach (var viewer in viewers)
        {
            var wallet = await viewer.GetAsync("api/wallet", cancellationToken).ConfigureAwait(false);
            balances.Add(wallet.GetProperty("balance").GetProperty("posted").GetProperty("microCredits").GetInt64());
        }

        return balances;
    }

    /// <summary>Every computing viewer without a license that can afford the premium item buys one with its credits.</summary>
    private static async Task<int> BuyLicensesAsync(List<SignedInClient> viewers, TextWriter progress, CancellationToken cancellationToken)
    {
        var bought = 0;
        foreach (var viewer in viewers)
        {
            var item = await viewer.GetAsync($"api/content/{DemoItems.Premium}", cancellationToken).ConfigureAwait(false);
            var wallet = await viewer.GetAsync("api/wallet", cancellationToken).ConfigureAwait(false);
            var price = item.GetProperty("priceMicroCredits").GetInt64();
            var available = wallet.GetProperty("balance").GetProperty("available").GetProperty("microCredits").GetInt64();
            if (item.GetProperty("licensed").ValueKind == JsonValueKind.True || available < price)
            {
                continue;
            }

            await viewer.PostAsync($"api/content/{DemoItems.Premium}/license", null, cancellationToken, idempotencyKey: Guid.NewGuid().ToString()).ConfigureAwait(false);
            bought++;
        }

        await progress.WriteLineAsync($"{bought} viewers bought the premium item with the credits they earned").ConfigureAwait(false);
        return bought;
    }
}
