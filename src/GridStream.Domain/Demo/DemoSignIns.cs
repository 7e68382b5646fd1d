using System.Security.Cryptography;
using System.Text.Json;
using GridStream.Domain.Accounts;

namespace GridStream.Domain.Demo;

/// <summary>One demo account as the accounts file lists it.</summary>
public sealed record DemoSignIn(string Role, string Email, string Password);

/// <summary>
/// The demo accounts' sign-ins, kept in a file next to the demo media (readable by its owner only) rather than as
/// well-known passwords: a server left running with the demo on must not open an account to anyone who read the README.
/// </summary>
public sealed record DemoSignIns(IReadOnlyList<DemoSignIn> Accounts)
{
    public const string OwnerEmail = "demo-owner@gridstream.local";
    public const string CustomerEmail = "demo-customer@gridstream.local";
    public const string ViewerEmail = "demo-viewer@gridstream.local";
    public const string AdminEmail = "demo-admin@gridstream.local";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The demo's accounts and their roles; the admin only when no admin is configured (admins otherwise come from configuration alone).</summary>
    public static IReadOnlyList<(string Role, string Email)> Wanted(bool withAdmin) =>
    [
        (Roles.Owner, OwnerEmail), (Roles.Customer, CustomerEmail), (Roles.Viewer, ViewerEmail),
        .. withAdmin ? [(Roles.Admin, AdminEmail)] : Array.Empty<(string, string)>(),
    ];

    public DemoSignIn? For(string role) => Accounts.FirstOrDefault(account => account.Role == role);

    /// <summary>A password the server's rules accept (a digit, a lower-case letter, 12+ characters) that nobody can guess.</summary>
    public static string NewPassword() => $"demo-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))}-a1";

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The file's sign-ins, or null when the text is not a list of them (a damaged file is replaced, not trusted).</summary>
    public static DemoSignIns? Parse(string text)
    {
        try
        {
            var parsed = JsonSerializer.Deserialize<DemoSignIns>(text, Json);
            return parsed?.Accounts is { } accounts && accounts.All(a => a is { Role.Length: > 0, Email.Length: > 0, Password.Length: > 0 })
                ? parsed
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
