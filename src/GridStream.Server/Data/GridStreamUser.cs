using Microsoft.AspNetCore.Identity;

namespace GridStream.Server.Data;

public sealed class GridStreamUser : IdentityUser<Guid>
{
    public DateTimeOffset CreatedAt { get; set; }
}
