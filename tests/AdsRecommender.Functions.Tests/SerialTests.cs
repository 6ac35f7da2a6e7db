// Every class here starts the CLI, loads the face models or runs the pipeline: one at a time (a shared 2-core machine).
[assembly: CollectionBehavior(DisableTestParallelization = true)]
