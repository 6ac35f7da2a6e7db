using Microsoft.Extensions.Options;

namespace AdsRecommender.Core;

/// <summary>Fails start-up (Functions) or the command (CLI, exit 2) with <see cref="AdsRecommenderOptions.FirstProblem"/>.</summary>
internal sealed class AdsRecommenderOptionsValidation : IValidateOptions<AdsRecommenderOptions>
{
    public ValidateOptionsResult Validate(string? name, AdsRecommenderOptions options) =>
        options.FirstProblem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
