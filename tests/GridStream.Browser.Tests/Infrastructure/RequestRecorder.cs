using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace GridStream.Browser.Tests.Infrastructure;

/// <summary>
/// Keeps the path of every request that reaches the server under test, ahead of all of its own middleware, so a test
/// can show that something a page was not allowed to send never arrived.
/// </summary>
internal sealed class RequestRecorder(ConcurrentQueue<string> paths) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, following) =>
        {
            paths.Enqueue(context.Request.Path.Value + context.Request.QueryString.Value);
            return following(context);
        });
        next(app);
    };
}
