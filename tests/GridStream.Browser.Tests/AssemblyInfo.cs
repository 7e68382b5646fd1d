// Each test class starts its own server and Chromium; one at a time is plenty on a shared 2-core machine.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
