using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GridStream.Domain.Compute;
using GridStream.Domain.Compute.Submission;
using GridStream.Sandbox;
using GridStream.Server.Accounts;
using GridStream.Server.Billing;
using GridStream.Server.Data;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace GridStream.Server.Compute;

/// <summary>
/// POST /api/jobs. A JSON body carries everything, inputs as an array; an NDJSON body (application/x-ndjson) carries
/// the same fields without inputs on its first line and one input per following line, for jobs too big for one
/// JSON document. Everything is checked before anything is stored, and the job and all its units are stored together.
/// </summary>
internal static class SubmitJob
{
    public const string NdjsonMediaType = "application/x-ndjson";

    public static async Task<IResult> HandleAsync(
        HttpContext http, ClaimsPrincipal user, SampleJobs samples, JobWriter writer, WorkNotifier work, ProvisionStripeCustomer stripeCustomers,
        CustomerStandings standings, IOptions<ComputeOptions> options, IOptions<JsonOptions> json, TimeProvider clock, CancellationToken cancellationToken)
    {
        // Before the body is read: a past-due customer is told at once, not after uploading a large job.
        if (await standings.OfAsync(user.UserId(), cancellationToken).ConfigureAwait(false) is { Standing: Domain.Billing.Standing.PastDue } pastDue)
        {
            return CustomerStandings.PaymentRequired(pastDue);
        }

        var limits = options.Value;
        var isNdjson = MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var mediaType)
            && mediaType.MediaType.Equals(NdjsonMediaType, StringComparison.OrdinalIgnoreCase);
        if (!isNdjson && !http.Request.HasJsonContentType())
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: $"Send the job as application/json, or as {NdjsonMediaType} with the job on the first line and one input per line.");
        }

        if (isNdjson && http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = limits.MaxUploadBytes;
        }

        await using var lines = isNdjson
            ? NdjsonLines.ReadAsync(http.Request.BodyReader, limits.MaxInputBytes + 4096, cancellationToken).GetAsyncEnumerator(cancellationToken)
            : null;
        JobSubmission? submission;
        try
        {
            submission = lines is null
                ? await http.Request.ReadFromJsonAsync<JobSubmission>(json.Value.SerializerOptions, cancellationToken).ConfigureAwait(false)
                : await ReadHeaderLineAsync(lines, json.Value.SerializerOptions).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw new BadHttpRequestException("The job is not valid JSON.", StatusCodes.Status400BadRequest, e);
        }
        catch (NdjsonException e)
        {
            return InputProblem("inputs", e.Message);
        }

        if (submission is null)
        {
            return InputProblem("body", "Send a job: a JSON object with name, code or sample, inputs, policy and priceCentsPerUnit.");
        }

        var sample = submission.Sample is null ? null : samples.Find(submission.Sample);
        if (submission.Sample is not null && sample is null)
        {
            return InputProblem("sample", $"There is no sample job '{submission.Sample}'. Samples: {string.Join(", ", samples.Names)}.");
        }

        var draft = JobDraft.From(submission, sample);
        var errors = draft.Check(isNdjson);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var job = draft.ToJob(user.UserId(), clock.GetUtcNow());
        var inputs = lines is not null ? NdjsonInputs(lines) : draft.Inputs(submission);
        try
        {
            await writer.CreateAsync(job, inputs, limits.MaxUnitsPerJob, limits.MaxInputBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (JobInputException e)
        {
            return InputProblem(e.Field, e.Message);
        }
        catch (NdjsonException e)
        {
            return InputProblem("inputs", e.Message);
        }

        await work.AnnounceAsync().ConfigureAwait(false);
        await stripeCustomers.RequestAsync(job.CustomerId, cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/api/jobs/{job.Id}", JobView.NewJob(job));
    }

    private static async Task<JobSubmission?> ReadHeaderLineAsync(IAsyncEnumerator<NdjsonLine> lines, JsonSerializerOptions options)
    {
        if (!await lines.MoveNextAsync().ConfigureAwait(false))
        {
            return null;
        }

        var header = JsonSerializer.Deserialize<JobSubmission>(lines.Current.Text, options);
        if (header?.Inputs is not null)
        {
            throw new NdjsonException(lines.Current.Number, "in an NDJSON upload the inputs follow the first line, one per line; leave 'inputs' out of it");
        }

        return header;
    }

    private static async IAsyncEnumerable<JobInput> NdjsonInputs(IAsyncEnumerator<NdjsonLine> lines)
    {
        while (await lines.MoveNextAsync().ConfigureAwait(false))
        {
            yield return new JobInput(lines.Current.Text, "inputs", $"Line {lines.Current.Number}", AlreadyParsed: false);
        }
    }

    private static IResult InputProblem(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>A submission with the sample's parts filled in where the customer left them out.</summary>
    private sealed record JobDraft(string? Name, string? Code, string? SampleName, ReplicationPolicy Policy, long? Price, IReadOnlyList<string>? SampleInputs)
    {
        public static JobDraft From(JobSubmission submission, SampleJob? sample) => new(
            submission.Name ?? sample?.Name,
            submission.Code ?? sample?.Code,
            sample?.FolderName,
            submission.Policy ?? sample?.Policy ?? ReplicationPolicy.Default,
            submission.PriceCentsPerUnit ?? sample?.PriceCentsPerUnit,
            sample?.Inputs);

        public Dictionary<string, string[]> Check(bool inputsFollow)
        {
            var errors = JobSubmissionRules.Check(Name, Price);
            foreach (var (field, messages) in Policy.Validate())
            {
                errors[$"policy.{field}"] = messages;
            }

            if (string.IsNullOrWhiteSpace(Code))
            {
                errors["code"] = ["Give the job's code (JavaScript defining run(input)) or the name of a sample job."];
            }
            else if (TaskCode.Check(Code) is { IsValid: false } check)
            {
                errors["code"] = [check.Error ?? "The code is not valid JavaScript."];
            }

            return errors;
        }

        public async IAsyncEnumerable<JobInput> Inputs(JobSubmission submission, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.CompletedTask.ConfigureAwait(false);
            if (submission.Inputs is { } given)
            {
                if (given.ValueKind != JsonValueKind.Array)
                {
                    throw new JobInputException("inputs", "inputs is a JSON array: one element per work unit.");
                }

                var index = 0;
                foreach (var input in given.EnumerateArray())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    yield return new JobInput(input.GetRawText(), "inputs", $"inputs[{index++}]", AlreadyParsed: true);
                }
            }
            else if (SampleInputs is not null)
            {
                for (var index = 0; index < SampleInputs.Count; index++)
                {
                    yield return new JobInput(SampleInputs[index], "inputs", $"inputs[{index}]", AlreadyParsed: true);
                }
            }
        }

        public ComputeJob ToJob(Guid customerId, DateTimeOffset now) => new()
        {
            Id = Guid.CreateVersion7(),
            CustomerId = customerId,
            Name = Name!.Trim(),
            SampleName = SampleName,
            Code = Code!,
            CodeSha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Code!))),
            Quorum = Policy.Quorum,
            MaxTotalReplicas = Policy.MaxTotalReplicas,
            MaxErrors = Policy.MaxErrors,
            DeadlineSeconds = Policy.DeadlineSeconds,
            CpuMillisPerUnit = Policy.CpuMillisPerUnit,
            MemoryMegabytesPerUnit = Policy.MemoryMegabytesPerUnit,
            PriceCentsPerUnit = Price!.Value,
            State = ComputeJobState.Running,
            CreatedAt = now,
        };
    }
}
