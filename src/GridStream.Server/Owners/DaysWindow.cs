using GridStream.Domain.Owners;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GridStream.Server.Owners;

/// <summary>The window an owner's <c>?days=</c> asks for (default <see cref="SalesByDay.DefaultDays"/>), or the problem naming it.</summary>
internal static class DaysWindow
{
    public static bool TryRead(int? days, DateTimeOffset now, out SalesWindow window, out ValidationProblem? problem)
    {
        var span = days ?? SalesByDay.DefaultDays;
        if (SalesByDay.DaysError(span) is { } error)
        {
            window = null!;
            problem = TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["days"] = [error] });
            return false;
        }

        window = SalesByDay.Window(now, span);
        problem = null;
        return true;
    }
}
