using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using GridStream.Agent.Swarming;
using GridStream.Domain.Demo;

namespace GridStream.Agent.Demo;

/// <summary>The payout the demo ran and its statement, as the owner reads it.</summary>
/// <param name="Note">Why there was no payout (below the minimum, owner skipped), or null.</param>
internal sealed record DemoPayout(
    Guid? PayoutId, string? State, long Cents, long CreditsConvertedMicroCredits, int StatementLines, long StatementEarningsMicroCredits,
    bool StatementTiesOut, string? Note);

/// <summary>The ledger's own proof, from the admins' reconciliation report.</summary>
internal sealed record DemoBooks(
    bool Balanced, long UnmatchedRows, long CreditsIssuedMicroCredits, long CreditsSpentMicroCredits, long CreditsInWalletsMicroCredits)
{
    /// <summary>Credits issued = credits in wallets + credits spent.</summary>
    public bool CreditsAddUp => CreditsIssuedMicroCredits == CreditsInWalletsMicroCredits + CreditsSpentMicroCredits;
}

/// <summary>What a demo run showed: the swarm, the job, the credits, the licenses, the payout and the books.</summary>
/// <param name="StartedServerProcess">The server process the demo started and left running; null when one was already running.</param>
internal sealed record DemoSummary(
    string Url,
    SwarmSummary Swarm,
    Guid JobId,
    long UnitsValidated,
    long UnitsInJob,
    long CreditsEarnedMicroCredits,
    int LicensesBought,
    DemoPayout Payout,
    DemoBooks Books,
    IReadOnlyList<DemoAccountLine> SignIns,
    int? StartedServerProcess)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { NumberHandling = JsonNumberHandling.Strict };

    /// <summary>The share of segment bytes that came from peers, 0 to 1.</summary>
    [JsonPropertyName("p2pShare")]
    public decimal P2PShare => Swarm.P2PSharePercent / 100m;

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public string ToText()
    {
        var culture = CultureInfo.InvariantCulture;
        var lines = new List<string>
        {
            "",
            Swarm.ToText(),
            string.Create(culture, $"Compute job {JobId}: {UnitsValidated:N0} of {UnitsInJob:N0} units validated by redundant results"),
            string.Create(culture, $"Credits earned by the computing viewers: {Credits(CreditsEarnedMicroCredits)}; premium licenses bought with them: {LicensesBought}"),
            Payout.PayoutId is { } id
                ? string.Create(culture, $"Payout {id} to the demo owner: {Payout.Cents / 100m:0.00} USD for {Credits(Payout.CreditsConvertedMicroCredits)} credits, {Payout.State}; statement of {Payout.StatementLines} sales {(Payout.StatementTiesOut ? "ties out" : "DOES NOT tie out")}")
                : $"No payout: {Payout.Note}",
            string.Create(culture, $"Books: {(Books.Balanced ? "balanced" : "NOT balanced")}, {Books.UnmatchedRows} unmatched rows; credits issued {Credits(Books.CreditsIssuedMicroCredits)} = in wallets {Credits(Books.CreditsInWalletsMicroCredits)} + spent {Credits(Books.CreditsSpentMicroCredits)} {(Books.CreditsAddUp ? "✓" : "✗")}"),
            "",
            $"GridStream is still running: open {Url} and sign in as one of these; as the viewer, {Url}watch/{DemoItems.Live} joins the same live swarm",
        };
        lines.AddRange(SignIns.Select(account => $"  {account.Role,-8} {account.Email}  password {account.Password}"));
        if (StartedServerProcess is { } process)
        {
            lines.Add(string.Create(culture, $"The demo started it (process {process}); stop it with: kill {process}"));
        }

        return string.Join(Environment.NewLine, lines);
    }

    private static string Credits(long microCredits) => (microCredits / 1_000_000m).ToString("0.######", CultureInfo.InvariantCulture);
}

/// <summary>A demo account to sign in with in the browser.</summary>
internal sealed record DemoAccountLine(string Role, string Email, string Password);
