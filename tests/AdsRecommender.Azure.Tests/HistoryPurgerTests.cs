using Microsoft.DurableTask.Client;

namespace AdsRecommender.Azure.Tests;

public sealed class HistoryPurgerTests
{
    [Fact]
    public async Task Finished_runs_older_than_the_retention_are_purged_and_running_ones_are_kept()
    {
        await using var host = await DurableHost.StartAsync(r => r
            .AddOrchestratorFunc<string, string>("Quick", (_, input) => input)
            .AddOrchestratorFunc<string, string>("Waits", async (ctx, _) => await ctx.WaitForExternalEvent<string>("never")));
        var done = await host.Client.ScheduleNewOrchestrationInstanceAsync("Quick", "x");
        await host.Client.CompletionAsync(done);
        var running = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waits", "y");
        await host.Client.StartedAsync(running);
        var purger = new HistoryPurger(host.Client);

        // Created moments ago: a day's retention keeps it, none purges it.
        Assert.Equal(0, await purger.PurgeAsync(TimeSpan.FromDays(1), DateTimeOffset.UtcNow));
        Assert.NotNull(await host.Client.GetInstanceAsync(done));
        Assert.Equal(1, await purger.PurgeAsync(TimeSpan.Zero, DateTimeOffset.UtcNow.AddSeconds(1)));

        Assert.Null(await host.Client.GetInstanceAsync(done));
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync(running))!.RuntimeStatus);
        await host.Client.TerminateInstanceAsync(running);
    }

    [Theory]
    [InlineData(null, 30)]
    [InlineData("", 30)]
    [InlineData("7", 7)]
    [InlineData("0", 0)]
    public void Retention_comes_from_the_setting_in_days(string? setting, int days) =>
        Assert.Equal(TimeSpan.FromDays(days), HistoryPurger.Retention(setting));

    [Theory]
    [InlineData("-1")]
    [InlineData("7d")]
    [InlineData("1.5")]
    public void A_bad_retention_setting_is_refused_with_its_name(string setting) =>
        Assert.Contains(HistoryPurger.RetentionSetting, Assert.Throws<FormatException>(() => HistoryPurger.Retention(setting)).Message);
}
