using GridStream.Domain.Compute;

namespace GridStream.Domain.Tests.Compute;

/// <summary>Replica outcomes for tests; replica n belongs to account n unless an account is given.</summary>
internal static class Replicas
{
    public static Guid Account(long n) => new((int)n, 0, 0, new byte[8]);

    public static ReplicaOutcome Ok(long id, string hash, long? account = null) =>
        new(id, Account(account ?? id), ReplicaStatus.Succeeded, hash);

    public static ReplicaOutcome Running(long id) => new(id, Account(id), ReplicaStatus.InFlight, null);

    public static ReplicaOutcome Error(long id, string? message = null) =>
        new(id, Account(id), ReplicaStatus.Errored, null) { ErrorMessage = message };

    public static ReplicaOutcome Late(long id) => new(id, Account(id), ReplicaStatus.TimedOut, null);
}
