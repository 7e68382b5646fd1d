namespace GridStream.Domain.Accounts;

/// <summary>
/// Field checks for a sign-up that don't need the database. Password strength is left to ASP.NET Core Identity,
/// whose rules are configured in one place on the server.
/// </summary>
public static class SignUpRequestRules
{
    public const int MaxEmailLength = 254;

    public static Dictionary<string, string[]> Check(string? email, string? password, string? role)
    {
        var errors = new Dictionary<string, string[]>();

        if (string.IsNullOrWhiteSpace(email))
        {
            errors["email"] = ["An email address is required."];
        }
        else if (email.Length > MaxEmailLength)
        {
            errors["email"] = [$"An email address has at most {MaxEmailLength} characters."];
        }
        else if (!LooksLikeEmail(email))
        {
            errors["email"] = ["This is not an email address."];
        }

        if (string.IsNullOrEmpty(password))
        {
            errors["password"] = ["A password is required."];
        }

        if (Roles.ParseSignUpChoice(role) is null)
        {
            errors["role"] = [$"Choose one of: {string.Join(", ", Roles.ChoosableAtSignUp)}."];
        }

        return errors;
    }

    private static bool LooksLikeEmail(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at > 0
            && at == email.LastIndexOf('@')
            && at < email.Length - 1
            && !email.Any(char.IsWhiteSpace);
    }
}
