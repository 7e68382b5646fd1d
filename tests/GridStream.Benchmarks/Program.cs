using GridStream.Benchmarks;
using GridStream.Benchmarks.Offload;

var benchmarks = new Dictionary<string, Func<string[], int>>(StringComparer.OrdinalIgnoreCase)
{
    ["grouping"] = GroupingBenchmark.Run,
    ["registrations"] = RegistrationBenchmark.Run,
    ["adaptive-replication"] = AdaptiveReplicationBenchmark.Run,
    ["sandbox"] = SandboxBenchmark.Run,
    ["offload"] = OffloadBenchmark.Run,
    ["broker"] = BrokerBenchmark.Run,
    ["ledger"] = LedgerBenchmark.Run,
};

if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine($"usage: dotnet run -c Release --project tests/GridStream.Benchmarks -- <{string.Join('|', benchmarks.Keys)}> [options]");
    return 2;
}

return run(args[1..]);
