using System.Text.Json;
using GridStream.Agent.Cli;

namespace GridStream.Agent.Demo;

/// <summary>The demo's money end: an admin runs payouts, confirms the demo owner's (for the manual gateway), and the owner reads its statement.</summary>
internal static class DemoPayouts
{
    private const string ManualGateway = "manual";

    public static async Task<DemoPayout> RunAsync(SignedInClient admin, SignedInClient owner, TextWriter progress, CancellationToken cancellationToken)
    {
        var ownerId = (await owner.GetAsync("api/me", cancellationToken).ConfigureAwait(false)).GetProperty("id").GetGuid();
        var run = await admin.PostAsync("api/admin/payouts/run", null, cancellationToken).ConfigureAwait(false);
        var payout = run.GetProperty("payouts").EnumerateArray().FirstOrDefault(p => p.GetProperty("ownerId").GetGuid() == ownerId);
        if (payout.ValueKind != JsonValueKind.Object)
        {
            var skipped = run.GetProperty("skipped").EnumerateArray().FirstOrDefault(s => s.GetProperty("ownerId").GetGuid() == ownerId);
            var note = skipped.ValueKind == JsonValueKind.Object
                ? $"the run skipped the demo owner: {skipped.GetProperty("reason").GetString()}"
                : run.GetProperty("ran").GetBoolean()
                    ? $"the demo owner's outstanding earnings are below the minimum payout of {run.GetProperty("minimumCents").GetInt64()} cents"
                    : run.GetProperty("note").GetString();
            await progress.WriteLineAsync($"Payout run: no payout to the demo owner ({note})").ConfigureAwait(false);
            return new DemoPayout(null, null, 0, 0, 0, 0, StatementTiesOut: false, note);
        }

        var id = payout.GetProperty("id").GetGuid();
        if (payout.GetProperty("gateway").GetString() == ManualGateway)
        {
            // Without Stripe an admin confirms that the money left; the demo plays that admin.
            payout = await admin.PostAsync($"api/admin/payouts/{id}/confirm", new { externalReference = $"demo-{DateTimeOffset.UtcNow:yyyyMMddHHmmss}" }, cancellationToken)
                .ConfigureAwait(false);
        }

        var statement = await owner.GetAsync($"api/payouts/{id}/statement", cancellationToken).ConfigureAwait(false);
        await progress.WriteLineAsync($"Payout run: {payout.GetProperty("dollars").GetString()} USD to the demo owner, {payout.GetProperty("state").GetString()}").ConfigureAwait(false);
        return new DemoPayout(
            id, payout.GetProperty("state").GetString(), payout.GetProperty("cents").GetInt64(), payout.GetProperty("creditsConvertedMicroCredits").GetInt64(),
            statement.GetProperty("lines").GetArrayLength(), statement.GetProperty("totals").GetProperty("earningsMicroCredits").GetInt64(),
            statement.GetProperty("tiesOut").GetBoolean(), null);
    }

    /// <summary>Reads the report's "credits issued − spent = Σ wallets" identity (its terms are signed as they count).</summary>
    public static DemoBooks Books(JsonElement report)
    {
        var credits = report.GetProperty("identities").EnumerateArray()
            .FirstOrDefault(identity => identity.GetProperty("name").GetString()?.StartsWith("credits issued", StringComparison.Ordinal) == true);
        if (credits.ValueKind != JsonValueKind.Object)
        {
            throw new AgentFailure("The reconciliation report has no credits identity.");
        }

        var terms = credits.GetProperty("sides").EnumerateArray().SelectMany(side => side.GetProperty("terms").EnumerateArray())
            .ToDictionary(term => term.GetProperty("label").GetString() ?? "", term => term.GetProperty("amount").GetInt64());
        long Term(string prefix) => terms.FirstOrDefault(term => term.Key.StartsWith(prefix, StringComparison.Ordinal)).Value;
        return new DemoBooks(
            report.GetProperty("balanced").GetBoolean(), report.GetProperty("unmatchedCount").GetInt64(),
            Term("issued"), -Term("spent"), Term("Σ wallets"));
    }
}
