// Every class here starts Azurite, a Durable host, the pipeline or a build: one at a time (a shared 2-core machine).
[assembly: CollectionBehavior(DisableTestParallelization = true)]
