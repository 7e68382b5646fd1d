using GridStream.Domain.Accounts;
using GridStream.Server.Data;
using Microsoft.AspNetCore.Identity;

namespace GridStream.Server.Accounts;

/// <summary>Nobody can sign up as admin; the first one is created at start-up from GridStream:Admin:Email and :Password.</summary>
internal static class FirstAdmin
{
    public static async Task EnsureAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var email = configuration["GridStream:Admin:Email"];
        var password = configuration["GridStream:Admin:Password"];
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            return;
        }

        var users = services.GetRequiredService<UserManager<GridStreamUser>>();
        var admin = await users.FindByEmailAsync(email).ConfigureAwait(false);
        if (admin is null)
        {
            admin = new GridStreamUser { UserName = email, Email = email };
            ThrowOnFailure(await users.CreateAsync(admin, password).ConfigureAwait(false), email);
        }

        if (!await users.IsInRoleAsync(admin, Roles.Admin).ConfigureAwait(false))
        {
            ThrowOnFailure(await users.AddToRoleAsync(admin, Roles.Admin).ConfigureAwait(false), email);
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    private static void ThrowOnFailure(IdentityResult result, string email)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Could not create the configured admin {email}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}
