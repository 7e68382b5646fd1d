namespace GridStream.Server.Ledger;

internal static class LedgerSetup
{
    public static void AddGridStreamLedger(this WebApplicationBuilder builder) => builder.Services.AddSingleton<LedgerStore>();
}
