using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GridStream.Server.Tests.Infrastructure;

namespace GridStream.Server.Tests.Compute;

public sealed class JobsApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private GridStreamFactory Server => fixture.Server;

    [Fact]
    public async Task A_submitted_job_waits_with_all_its_units_and_the_policy_it_was_given()
    {
        using var customer = await Server.SignedUpAsync("customer");

        var job = await Jobs.SubmitAsync(customer, new
        {
            name = "doubling",
            code = Jobs.Doubling,
            inputs = new[] { 1, 2, 3, 4, 5 },
            policy = new { quorum = 3, maxTotalReplicas = 5 },
            priceCentsPerUnit = 2,
        });

        var details = await Jobs.GetAsync(customer, Jobs.IdOf(job));
        Assert.Equal("Running", details.GetProperty("state").GetString());
        Assert.Equal(5, details.GetProperty("units").GetInt32());
        Assert.Equal(5, details.GetProperty("counts").GetProperty("waiting").GetInt64());
        Assert.Equal(0, details.GetProperty("percentDone").GetInt32());
        Assert.Equal(3, details.GetProperty("policy").GetProperty("quorum").GetInt32());
        Assert.Equal(5, details.GetProperty("policy").GetProperty("maxTotalReplicas").GetInt32());
        Assert.Equal(120, details.GetProperty("policy").GetProperty("deadlineSeconds").GetInt32());
        Assert.Equal(0, details.GetProperty("costCents").GetInt64());
    }

    [Fact]
    public async Task A_sample_job_by_name_brings_its_code_inputs_and_price()
    {
        using var customer = await Server.SignedUpAsync("customer");
        using var anonymous = Server.Anonymous();
        var samples = await anonymous.GetFromJsonAsync<string[]>("/api/jobs/samples");
        Assert.Contains("primes-in-range", samples!);

        var job = await Jobs.SubmitAsync(customer, new { sample = "primes-in-range" });

        Assert.Equal("primes-in-range", job.GetProperty("sample").GetString());
        Assert.True(job.GetProperty("units").GetInt32() > 0);
    }

    [Fact]
    public async Task Code_with_a_syntax_error_is_refused_naming_line_and_column()
    {
        using var customer = await Server.SignedUpAsync("customer");

        var problem = await Problems.ReadValidationAsync(await customer.PostAsJsonAsync("/api/jobs", new
        {
            name = "broken",
            code = "function run(input) {\n  return input +;\n}",
            inputs = new[] { 1 },
            priceCentsPerUnit = 1,
        }));

        var message = Assert.Single(problem.Errors["code"]);
        Assert.Contains("line 2", message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("column", message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Code_without_run_and_a_bad_policy_are_refused_field_by_field()
    {
        using var customer = await Server.SignedUpAsync("customer");

        var problem = await Problems.ReadValidationAsync(await customer.PostAsJsonAsync("/api/jobs", new
        {
            name = "",
            code = "function walk(input) { return input; }",
            inputs = new[] { 1 },
            policy = new { quorum = 5, maxTotalReplicas = 2 },
            priceCentsPerUnit = -1,
        }));

        Assert.Contains("code", problem.Errors.Keys);
        Assert.Contains("name", problem.Errors.Keys);
        Assert.Contains("priceCentsPerUnit", problem.Errors.Keys);
        Assert.Contains(problem.Errors.Keys, key => key.StartsWith("policy.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_sample_or_no_inputs_is_a_clear_error()
    {
        using var customer = await Server.SignedUpAsync("customer");

        var unknown = await Problems.ReadValidationAsync(await customer.PostAsJsonAsync("/api/jobs", new { sample = "no-such-job" }));
        Assert.Contains("primes-in-range", Assert.Single(unknown.Errors["sample"]));

        var empty = await Problems.ReadValidationAsync(await customer.PostAsJsonAsync("/api/jobs", new
        {
            name = "nothing", code = Jobs.Doubling, inputs = Array.Empty<int>(), priceCentsPerUnit = 1,
        }));
        Assert.Contains("inputs", empty.Errors.Keys);
    }

    [Fact]
    public async Task An_ndjson_upload_streams_thousands_of_units_in()
    {
        using var customer = await Server.SignedUpAsync("customer");
        var body = new StringBuilder("{\"name\":\"big\",\"code\":\"function run(x) { return x; }\",\"priceCentsPerUnit\":1}\n");
        for (var i = 0; i < 5_000; i++)
        {
            body.Append("{\"n\":").Append(i).Append("}\n");
        }

        var response = await customer.PostAsync("/api/jobs", new StringContent(body.ToString(), Encoding.UTF8, "application/x-ndjson"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var job = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(5_000, job.GetProperty("units").GetInt32());
    }

    [Fact]
    public async Task A_bad_line_in_an_upload_names_the_line_and_stores_nothing()
    {
        using var customer = await Server.SignedUpAsync("customer");
        var body = "{\"name\":\"bad upload\",\"code\":\"function run(x) { return x; }\",\"priceCentsPerUnit\":1}\n1\n2\n{oops\n4\n";

        var problem = await Problems.ReadValidationAsync(
            await customer.PostAsync("/api/jobs", new StringContent(body, Encoding.UTF8, "application/x-ndjson")));

        Assert.Contains("Line 4", Assert.Single(problem.Errors["inputs"]));
        var list = await customer.GetFromJsonAsync<JsonElement>("/api/jobs");
        Assert.Equal(0, list.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Oversized_code_and_an_oversized_input_are_refused()
    {
        using var customer = await Server.SignedUpAsync("customer");
        var bigCode = "function run(x) { return x; }\n//" + new string('x', 300 * 1024);
        var bigInput = "\"" + new string('y', 70 * 1024) + "\"";

        var code = await Problems.ReadValidationAsync(await customer.PostAsJsonAsync("/api/jobs", new
        {
            name = "big code", code = bigCode, inputs = new[] { 1 }, priceCentsPerUnit = 1,
        }));
        var input = await Problems.ReadValidationAsync(await customer.PostAsync("/api/jobs", new StringContent(
            "{\"name\":\"big input\",\"code\":\"function run(x) { return x; }\",\"priceCentsPerUnit\":1}\n1\n" + bigInput + "\n",
            Encoding.UTF8, "application/x-ndjson")));

        Assert.Contains("more than the 256 KB allowed", Assert.Single(code.Errors["code"]), StringComparison.Ordinal);
        Assert.Contains("Line 3", Assert.Single(input.Errors["inputs"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_customer_sees_only_its_own_jobs()
    {
        using var owner = await Server.SignedUpAsync("customer");
        using var other = await Server.SignedUpAsync("customer");
        var job = Jobs.IdOf(await Jobs.SubmitAsync(owner, new { name = "mine", code = Jobs.Doubling, inputs = new[] { 1 }, priceCentsPerUnit = 1 }));

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/jobs/{job}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/jobs/{job}/results")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"/api/jobs/{job}")).StatusCode);
        var theirs = await other.GetFromJsonAsync<JsonElement>("/api/jobs");
        Assert.Equal(0, theirs.GetProperty("total").GetInt32());
        var mine = await owner.GetFromJsonAsync<JsonElement>("/api/jobs");
        Assert.Equal(job, mine.GetProperty("jobs")[0].GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Viewers_and_anonymous_callers_cannot_submit_jobs()
    {
        using var viewer = await Server.SignedUpAsync("viewer");
        using var anonymous = Server.Anonymous();
        var job = new { name = "x", code = Jobs.Doubling, inputs = new[] { 1 }, priceCentsPerUnit = 1 };

        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/api/jobs", job)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/jobs", job)).StatusCode);
    }

    [Fact]
    public async Task A_customer_api_key_can_submit_and_follow_jobs()
    {
        using var customer = await Server.SignedUpAsync("customer");
        var created = await customer.PostAsJsonAsync("/api/keys", new { name = "ci" });
        created.EnsureSuccessStatusCode();
        var secret = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
        using var withKey = Server.WithApiKey(secret);

        var job = await Jobs.SubmitAsync(withKey, new { name = "by key", code = Jobs.Doubling, inputs = new[] { 1, 2 }, priceCentsPerUnit = 1 });

        Assert.Equal(2, (await Jobs.GetAsync(withKey, Jobs.IdOf(job))).GetProperty("units").GetInt32());
    }
}
