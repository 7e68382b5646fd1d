using Microsoft.Playwright;

namespace GridStream.Browser.Tests.Infrastructure;

/// <summary>
/// Every page state the tests reach is saved as a PNG in tests/GridStream.Browser.Tests/TestResults/screenshots/
/// (or GRIDSTREAM_SCREENSHOTS), named test-step.png, so a reader can see what the viewer saw.
/// </summary>
internal static class Screenshots
{
    public static string Folder { get; } = Environment.GetEnvironmentVariable("GRIDSTREAM_SCREENSHOTS")
        ?? Path.Combine(RepositoryFolder.Root, "tests", "GridStream.Browser.Tests", "TestResults", "screenshots");

    public static async Task SaveAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, name + ".png"), FullPage = true });
    }
}
