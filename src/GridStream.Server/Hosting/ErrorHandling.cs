using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;

namespace GridStream.Server.Hosting;

/// <summary>
/// Every error leaves as RFC 7807 problem details: unreadable bodies as 400 naming the field, oversized bodies as 413,
/// bare status codes (401, 403, 404, 405, 415) with a problem body, and anything unexpected as a 500 without internals.
/// </summary>
internal static class ErrorHandling
{
    public const long DefaultMaxRequestBodyBytes = 1024 * 1024;

    public static void AddGridStreamErrorHandling(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier);
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();

        // Binding failures throw, so the handler below can say what was wrong instead of a bare 400.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.Configure<JsonOptions>(options => options.SerializerOptions.MaxDepth = 32);

        var maxBodyBytes = builder.Configuration.GetValue("GridStream:MaxRequestBodyBytes", DefaultMaxRequestBodyBytes);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = maxBodyBytes);
    }

    public static void UseGridStreamErrorHandling(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
    }

    private sealed class BadRequestExceptionHandler(IProblemDetailsService problems, ILogger<BadRequestExceptionHandler> logger) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
        {
            if (exception is not BadHttpRequestException badRequest)
            {
                return false;
            }

            var status = badRequest.StatusCode;
            var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status };
            if (status == StatusCodes.Status413PayloadTooLarge)
            {
                problem.Title = "Request body too large";
                problem.Detail = "The request body is larger than this endpoint accepts.";
            }
            else if (FindJsonError(badRequest) is { } json)
            {
                var field = FieldName(json.Path);
                problem.Title = "Malformed JSON";
                problem.Detail = field is null
                    ? "The request body is not valid JSON."
                    : $"The request body could not be read at '{field}': it is malformed or has the wrong type.";
                problem.Extensions["errors"] = new Dictionary<string, string[]>
                {
                    [field ?? "body"] = ["Malformed JSON or a value of the wrong type."],
                };
            }
            else
            {
                problem.Title = "Bad request";
                problem.Detail = badRequest.Message;
            }

            logger.LogInformation("Rejected a request with {Status}: {Reason}", status, badRequest.Message);
            context.Response.StatusCode = status;
            return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception })
                .ConfigureAwait(false);
        }

        private static JsonException? FindJsonError(Exception exception)
        {
            for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
            {
                if (inner is JsonException json)
                {
                    return json;
                }
            }

            return null;
        }

        /// <summary>"$.policy.replicas" → "policy.replicas"; "$" (the whole body) → null.</summary>
        private static string? FieldName(string? jsonPath) =>
            string.IsNullOrEmpty(jsonPath) || jsonPath == "$" ? null : jsonPath.TrimStart('$', '.');
    }
}
