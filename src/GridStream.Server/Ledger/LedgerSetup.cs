using Microsoft.Extensions.Options;

namespace GridStream.Server.Ledger;

internal static class LedgerSetup
{
    public static void AddGridStreamLedger(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<LedgerStore>();
        builder.Services.AddOptions<MoneyOptions>().Bind(builder.Configuration.GetSection(MoneyOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<MoneyOptions>, MoneyOptionsValidation>();
    }
}
