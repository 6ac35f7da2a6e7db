namespace AdsRecommender.Hosting;

/// <summary>
/// The back end cannot be used as configured: a connection string that is not one, an account that does not answer, a
/// task hub name the back end refuses. The message says what and how to fix it; the host adds its own setting's name.
/// </summary>
public sealed class DurableBackendException(string message, Exception? inner = null) : Exception(message, inner);
