using System.Globalization;
using System.Text;

namespace GridStream.Domain.Payouts;

/// <summary>
/// A statement as CSV (RFC 4180: CRLF line ends, fields quoted when they hold a comma, a quote or a line break, quotes
/// doubled). Two tables separated by an empty line: the summary as field,value rows, then one row per sale. Amounts
/// are integers (micro-credits and cents), times ISO 8601 in UTC, in every culture the same.
/// </summary>
public static class StatementCsv
{
    public const string MediaType = "text/csv";

    public static readonly IReadOnlyList<string> SalesHeader =
        ["sold_at", "content_title", "license_id", "price_micro_credits", "fee_micro_credits", "owner_earnings_micro_credits"];

    public static string Write(PayoutStatement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var csv = new StringBuilder();
        Row(csv, "field", "value");
        foreach (var (field, value) in Summary(statement))
        {
            Row(csv, field, value);
        }

        csv.Append("\r\n");
        Row(csv, [.. SalesHeader]);
        foreach (var line in statement.Lines)
        {
            Row(csv, Time(line.SoldAt), line.ContentTitle, line.LicenseId.ToString("D"),
                Integer(line.PriceMicroCredits), Integer(line.FeeMicroCredits), Integer(line.EarningsMicroCredits));
        }

        return csv.ToString();
    }

    /// <summary>Quotes a field only when it has to be quoted.</summary>
    public static string Field(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
    }

    private static IEnumerable<(string Field, string Value)> Summary(PayoutStatement s) =>
    [
        ("payout_id", s.PayoutId.ToString("D")),
        ("owner_id", s.OwnerId.ToString("D")),
        ("period_start", Time(s.PeriodStart)),
        ("period_end", Time(s.PeriodEnd)),
        ("state", s.State.ToString()),
        ("gateway", s.Gateway),
        ("external_reference", s.ExternalReference ?? ""),
        ("failure_reason", s.FailureReason ?? ""),
        ("transfer_reference", s.TransferReference),
        ("sales", Integer(s.Lines.Count)),
        ("sales_micro_credits", Integer(s.Totals.SalesMicroCredits)),
        ("fees_micro_credits", Integer(s.Totals.FeesMicroCredits)),
        ("earnings_micro_credits", Integer(s.Totals.EarningsMicroCredits)),
        ("brought_forward_micro_credits", Integer(s.BroughtForwardMicroCredits)),
        ("credits_converted_micro_credits", Integer(s.CreditsConvertedMicroCredits)),
        ("carried_forward_micro_credits", Integer(s.CarriedForwardMicroCredits)),
        ("micro_credits_per_cent", Integer(s.MicroCreditsPerCent)),
        ("payout_cents", Integer(s.PayoutCents)),
        ("payout_dollars", s.PayoutDollars),
    ];

    private static void Row(StringBuilder csv, params string[] fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                csv.Append(',');
            }

            csv.Append(Field(fields[i]));
        }

        csv.Append("\r\n");
    }

    private static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
