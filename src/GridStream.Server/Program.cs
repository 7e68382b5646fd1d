using GridStream.Server.Hosting;
using GridStream.Server.Hosting.Postgres;

var builder = WebApplication.CreateBuilder(args);
try
{
    await using var embeddedDatabase = await DatabaseStartup.StartEmbeddedWhenUnconfiguredAsync(builder);
    builder.AddGridStream();

    var app = builder.Build();
    await app.MigrateAsync();
    app.UseGridStream();
    await app.RunAsync();
    return 0;
}
catch (EmbeddedPostgresException problem)
{
    // Something the person running GridStream can fix: one clear line, not a stack trace.
    Console.Error.WriteLine($"GridStream cannot start: {problem.Message}");
    return 1;
}

/// <summary>Visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
