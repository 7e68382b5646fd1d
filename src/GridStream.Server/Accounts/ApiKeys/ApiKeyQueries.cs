using GridStream.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace GridStream.Server.Accounts.ApiKeys;

internal static class ApiKeyQueries
{
    public static Task<int> CountActiveAsync(GridStreamDbContext db, Guid userId, CancellationToken cancellationToken) =>
        db.ApiKeys.CountAsync(k => k.UserId == userId && k.RevokedAt == null, cancellationToken);
}
