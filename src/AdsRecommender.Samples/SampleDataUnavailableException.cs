namespace AdsRecommender.Samples;

/// <summary>
/// The demo's sample files could not be found or fetched (no shared folder, no network, a checksum that does not match):
/// the message names the file and the way out; the CLI prints it without a stack trace (exit code 2).
/// </summary>
public sealed class SampleDataUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
