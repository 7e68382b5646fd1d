using Microsoft.AspNetCore.Identity;

namespace GridStream.Server.Accounts;

/// <summary>Files Identity's error codes under the request field they are about, so clients can show them in place.</summary>
internal static class IdentityErrors
{
    public static Dictionary<string, string[]> ByField(IdentityResult result) =>
        result.Errors
            .GroupBy(error => FieldOf(error.Code))
            .ToDictionary(group => group.Key, group => group.Select(error => error.Description).ToArray());

    private static string FieldOf(string code) =>
        code switch
        {
            _ when code.StartsWith("Password", StringComparison.Ordinal) => "password",
            _ when code.Contains("Email", StringComparison.Ordinal) || code.Contains("UserName", StringComparison.Ordinal) => "email",
            _ => "account",
        };
}
