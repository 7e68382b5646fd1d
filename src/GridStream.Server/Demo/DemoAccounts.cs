using GridStream.Domain.Demo;
using GridStream.Server.Data;
using Microsoft.AspNetCore.Identity;

namespace GridStream.Server.Demo;

/// <summary>
/// The demo's accounts — an owner (who owns the demo items), a customer, a viewer and, when no admin is configured, an
/// admin — with passwords made up on first start and written to <see cref="DemoOptions.AccountsFile"/> (mode 600), where
/// `gridstream demo` and a person trying the demo find them. The file is the source of truth: an account whose password
/// differs from it (a fresh database, an edited file) gets the file's password; a missing or damaged file gets new ones.
/// </summary>
internal sealed class DemoAccounts(UserManager<GridStreamUser> users, DemoOptions options, ILogger<DemoAccounts> logger)
{
    /// <returns>The demo owner's id.</returns>
    public async Task<Guid> EnsureAsync(CancellationToken cancellationToken)
    {
        var known = ReadFile();
        var signIns = new List<DemoSignIn>();
        Guid ownerId = default;
        foreach (var (role, email) in DemoSignIns.Wanted(withAdmin: !options.AdminConfigured))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var password = known?.Accounts.FirstOrDefault(a => a.Role == role && a.Email == email)?.Password ?? DemoSignIns.NewPassword();
            var user = await EnsureUserAsync(email, role, password).ConfigureAwait(false);
            ownerId = role == Domain.Accounts.Roles.Owner ? user.Id : ownerId;
            signIns.Add(new DemoSignIn(role, email, password));
        }

        var current = new DemoSignIns(signIns);
        if (known is null || known.ToJson() != current.ToJson())
        {
            WriteFile(current);
            logger.LogInformation("Demo accounts ({Emails}): their passwords are in {File}",
                string.Join(", ", signIns.Select(s => s.Email)), options.AccountsFile);
        }

        return ownerId;
    }

    private async Task<GridStreamUser> EnsureUserAsync(string email, string role, string password)
    {
        var user = await users.FindByEmailAsync(email).ConfigureAwait(false);
        if (user is null)
        {
            user = new GridStreamUser { UserName = email, Email = email, EmailConfirmed = true };
            ThrowOnFailure(await users.CreateAsync(user, password).ConfigureAwait(false), email);
        }
        else if (!await users.CheckPasswordAsync(user, password).ConfigureAwait(false))
        {
            if (await users.HasPasswordAsync(user).ConfigureAwait(false))
            {
                ThrowOnFailure(await users.RemovePasswordAsync(user).ConfigureAwait(false), email);
            }

            ThrowOnFailure(await users.AddPasswordAsync(user, password).ConfigureAwait(false), email);
        }

        if (!await users.IsInRoleAsync(user, role).ConfigureAwait(false))
        {
            ThrowOnFailure(await users.AddToRoleAsync(user, role).ConfigureAwait(false), email);
        }

        return user;
    }

    private DemoSignIns? ReadFile()
    {
        try
        {
            return File.Exists(options.AccountsFile) ? DemoSignIns.Parse(File.ReadAllText(options.AccountsFile)) : null;
        }
        catch (IOException problem)
        {
            logger.LogWarning("Could not read the demo accounts file {File} ({Reason}): making new passwords", options.AccountsFile, problem.Message);
            return null;
        }
    }

    /// <summary>Written beside and renamed over, so a crash never leaves half a file; readable by this user only.</summary>
    private void WriteFile(DemoSignIns signIns)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(options.AccountsFile)!);
        var temporary = options.AccountsFile + ".tmp";
        File.WriteAllText(temporary, "");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.WriteAllText(temporary, signIns.ToJson());

        File.Move(temporary, options.AccountsFile, overwrite: true);
    }

    private static void ThrowOnFailure(IdentityResult result, string email)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not set up the demo account {email}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}
