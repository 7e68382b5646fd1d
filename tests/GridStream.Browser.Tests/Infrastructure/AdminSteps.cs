using System.Text.RegularExpressions;
using GridStream.Server.Tests.Infrastructure;
using Microsoft.Playwright;

namespace GridStream.Browser.Tests.Infrastructure;

/// <summary>What an operator does in the app: sign in through the page as the test host's configured admin.</summary>
internal static class AdminSteps
{
    public static async Task SignInAsync(IPage page, string screenshot)
    {
        await page.GotoAsync("/admin");
        // The app sends a visitor without a session to sign in (a same-document navigation): polled, not awaited as an event.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/signin\\?next=%2Fadmin$"));
        await page.GetByLabel("Email").FillAsync(GridStreamFactory.AdminEmail);
        await page.GetByLabel("Password").FillAsync(GridStreamFactory.AdminPassword);
        await Screenshots.SaveAsync(page, screenshot);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/admin$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Operations" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Operations" })).ToHaveAttributeAsync("aria-current", "page");
    }
}
