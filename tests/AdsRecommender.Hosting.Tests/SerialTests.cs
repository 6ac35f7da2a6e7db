// Every class here starts a Durable back end (and one Azurite): one at a time on a shared 2-core machine.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
