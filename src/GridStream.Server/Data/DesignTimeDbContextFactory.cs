using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace GridStream.Server.Data;

/// <summary>Lets `dotnet ef migrations add` build the model without starting the server (and its embedded PostgreSQL).</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<GridStreamDbContext>
{
    public GridStreamDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<GridStreamDbContext>()
            .UseNpgsql("Host=127.0.0.1;Database=design_time")
            .Options);
}
