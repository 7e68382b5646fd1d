using GridStream.Domain.Accounts;
using GridStream.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GridStream.Server.Accounts;

public sealed record SignUpRequest(string? Email, string? Password, string? Role);

public sealed record AccountResponse(Guid Id, string Email, IReadOnlyList<string> Roles);

internal static class SignUp
{
    public static async Task<Results<Created<AccountResponse>, ValidationProblem>> HandleAsync(
        SignUpRequest request, UserManager<GridStreamUser> users)
    {
        var errors = SignUpRequestRules.Check(request.Email, request.Password, request.Role);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var role = Roles.ParseSignUpChoice(request.Role)!;
        var email = request.Email!.Trim();
        var user = new GridStreamUser { UserName = email, Email = email };
        IdentityResult created;
        try
        {
            created = await users.CreateAsync(user, request.Password!).ConfigureAwait(false);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Two sign-ups with one email at the same moment: Identity's check passed for both, the unique index stopped one.
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["email"] = [$"Email '{email}' is already taken."] });
        }

        if (!created.Succeeded)
        {
            return TypedResults.ValidationProblem(IdentityErrors.ByField(created));
        }

        var assigned = await users.AddToRoleAsync(user, role).ConfigureAwait(false);
        if (!assigned.Succeeded)
        {
            await users.DeleteAsync(user).ConfigureAwait(false);
            return TypedResults.ValidationProblem(IdentityErrors.ByField(assigned));
        }

        return TypedResults.Created("/api/me", new AccountResponse(user.Id, email, [role]));
    }
}
