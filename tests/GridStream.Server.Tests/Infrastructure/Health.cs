using System.Net;

namespace GridStream.Server.Tests.Infrastructure;

internal static class Health
{
    /// <summary>
    /// A server is ready once /healthz says so. Right after start Hangfire may not have sent its first heartbeat yet,
    /// so callers wait for readiness as a load balancer would instead of assuming it.
    /// </summary>
    public static async Task WaitUntilHealthyAsync(Uri address, TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = address };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            using var response = await client.GetAsync("/healthz");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"/healthz still says {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }

            await Task.Delay(100);
        }
    }
}
