namespace GridStream.Browser.Tests.Infrastructure;

/// <summary>The checkout the tests run from: the folder holding GridStream.sln above the test binaries.</summary>
internal static class RepositoryFolder
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "GridStream.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No GridStream.sln above {AppContext.BaseDirectory}.");
    }
}
