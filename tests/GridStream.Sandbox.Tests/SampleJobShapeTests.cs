using GridStream.Sandbox.Tests.Infrastructure;

namespace GridStream.Sandbox.Tests;

/// <summary>Every folder under jobs/ is a job the server can read and the sandbox will accept.</summary>
public sealed class SampleJobShapeTests
{
    [Fact]
    public void The_four_sample_jobs_are_there()
    {
        Assert.Subset(SampleJob.FoldersOnDisk().ToHashSet(), SampleJob.Names.ToHashSet());
    }

    public static TheoryData<string> Jobs() => [.. SampleJob.FoldersOnDisk()];

    [Theory]
    [MemberData(nameof(Jobs))]
    public void Each_job_has_the_shape_the_server_reads(string name)
    {
        var job = SampleJob.Load(name);

        Assert.Equal(name, (string?)job.Definition["name"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)job.Definition["description"]));
        Assert.NotEmpty(job.Inputs);
        Assert.InRange((int)job.Definition["policy"]!["quorum"]!, 1, 10);
        Assert.InRange((int)job.Definition["priceCentsPerUnit"]!, 0, 1_000);
        Assert.True(File.Exists(Path.Combine(job.Folder, "README.md")), "README.md");
        Assert.Equal(TaskCodeCheck.Valid, TaskCode.Check(job.Code));
    }
}
