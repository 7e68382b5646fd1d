namespace GridStream.Domain.Content;

/// <summary>What an owner may register: checks that need no database, each error filed under its request field.</summary>
public static class ContentRules
{
    public const int MaxTitleLength = 200;
    public const int MaxUrlLength = 2_000;

    /// <summary>A million credits, in micro-credits: far above any sane price, low enough that sums never overflow.</summary>
    public const long MaxPriceMicroCredits = 1_000_000L * 1_000_000L;

    /// <summary>Ten years: longer than any sane rental, short enough that the expiry date never overflows.</summary>
    public const int MaxLicenseDays = 3_650;

    /// <param name="licenseDays">How long a bought license lasts; null = forever.</param>
    public static Dictionary<string, string[]> Check(string? title, string? masterPlaylistUrl, long? priceMicroCredits, int? licenseDays = null)
    {
        var errors = new Dictionary<string, string[]>();

        if (string.IsNullOrWhiteSpace(title))
        {
            errors["title"] = ["A title is required."];
        }
        else if (title.Trim().Length > MaxTitleLength)
        {
            errors["title"] = [$"A title has at most {MaxTitleLength} characters."];
        }

        if (string.IsNullOrWhiteSpace(masterPlaylistUrl))
        {
            errors["masterPlaylistUrl"] = ["The URL of the HLS master playlist is required."];
        }
        else if (masterPlaylistUrl.Length > MaxUrlLength
            || !Uri.TryCreate(masterPlaylistUrl, UriKind.Absolute, out var url)
            || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            errors["masterPlaylistUrl"] = ["Give an absolute http or https URL of at most 2,000 characters."];
        }

        if (priceMicroCredits is null)
        {
            errors["priceMicroCredits"] = ["A price in micro-credits is required (0 for free content)."];
        }
        else if (priceMicroCredits < 0 || priceMicroCredits > MaxPriceMicroCredits)
        {
            errors["priceMicroCredits"] = [$"A price is between 0 and {MaxPriceMicroCredits} micro-credits."];
        }

        if (licenseDays is < 1 or > MaxLicenseDays)
        {
            errors["licenseDays"] = [$"A license lasts between 1 and {MaxLicenseDays} days; leave it out for a license that never expires."];
        }

        return errors;
    }
}
