namespace GridStream.Domain.Accounts;

/// <summary>The four kinds of account. Admins are never self-chosen: they come from configuration.</summary>
public static class Roles
{
    public const string Viewer = "viewer";
    public const string Customer = "customer";
    public const string Owner = "owner";
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Viewer, Customer, Owner, Admin];

    public static IReadOnlyList<string> ChoosableAtSignUp { get; } = [Viewer, Customer, Owner];

    /// <summary>Maps what a signing-up user asked for onto a role, or null when that role can't be chosen.</summary>
    public static string? ParseSignUpChoice(string? requested)
    {
        if (string.IsNullOrWhiteSpace(requested))
        {
            return null;
        }

        var normalized = requested.Trim().ToLowerInvariant();
        return ChoosableAtSignUp.Contains(normalized) ? normalized : null;
    }
}
