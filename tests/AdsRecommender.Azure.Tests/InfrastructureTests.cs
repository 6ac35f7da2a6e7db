using System.Text.Json;
using AdsRecommender.Testing;

namespace AdsRecommender.Azure.Tests;

/// <summary>
/// Compiles infra/main.bicep with the Bicep CLI (NuGet Azure.Bicep.CommandLine.linux-x64, restored by this project) with
/// every linter warning counted as an error, and checks the ARM JSON it produces: container host and image source,
/// identity pull, no shared keys, HTTPS only, minimal role assignments, the video lifecycle rule, diagnostics.
/// </summary>
public sealed class InfrastructureTests
{
    private const string BicepVersion = "0.49.2";
    private static readonly Lazy<(JsonElement Arm, string Diagnostics)> Compiled = new(Compile);

    private static JsonElement Arm => Compiled.Value.Arm;

    [Fact]
    public void Every_bicep_file_builds_without_a_warning_or_error()
    {
        Assert.DoesNotContain("Warning", Compiled.Value.Diagnostics);
        Assert.DoesNotContain("Error", Compiled.Value.Diagnostics);
        // main.bicep compiles every module it uses: none may lie unused (and so unchecked) beside it
        var main = File.ReadAllText(Path.Combine(SharedData.RepoRoot, "infra", "main.bicep"));
        foreach (var module in Directory.EnumerateFiles(Path.Combine(SharedData.RepoRoot, "infra", "modules"), "*.bicep"))
            Assert.Contains($"'modules/{Path.GetFileName(module)}'", main);
    }

    [Fact]
    public void The_app_is_a_functionapp_container_app_running_the_registry_image_pulled_with_the_managed_identity()
    {
        var app = FunctionsApp();
        Assert.Equal("functionapp", app.GetProperty("kind").GetString());
        Assert.Equal("UserAssigned", app.GetProperty("identity").GetProperty("type").GetString());
        var config = app.GetProperty("properties").GetProperty("configuration");
        var registry = Assert.Single(config.GetProperty("registries").EnumerateArray());
        Assert.Contains("identityId", registry.GetProperty("identity").GetString());
        Assert.Contains("registryServer", registry.GetProperty("server").GetString());
        Assert.False(registry.TryGetProperty("passwordSecretRef", out _));
        Assert.False(registry.TryGetProperty("username", out _));
        Assert.False(config.TryGetProperty("secrets", out _));
        var container = Assert.Single(app.GetProperty("properties").GetProperty("template").GetProperty("containers").EnumerateArray());
        Assert.Contains("parameters('image')", container.GetProperty("image").GetString());
        var env = container.GetProperty("env").EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!, e => e.GetProperty("value").GetString()!);
        Assert.Equal("managedidentity", env["AzureWebJobsStorage__credential"]);
        Assert.DoesNotContain(env.Keys, k => k == "AzureWebJobsStorage" || k.Contains("AccountKey", StringComparison.OrdinalIgnoreCase));
        Assert.StartsWith("[format('ClientId={0};Authorization=AAD'", env["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
        // azd builds the Dockerfile and pushes to this registry, then passes the image it pushed
        var main = File.ReadAllText(Path.Combine(SharedData.RepoRoot, "infra", "main.parameters.json"));
        Assert.Contains("${SERVICE_FUNCTIONS_IMAGE_NAME", main);
        var azureYaml = File.ReadAllText(Path.Combine(SharedData.RepoRoot, "azure.yaml"));
        Assert.Contains("host: containerapp", azureYaml);
        Assert.Contains("path: ./Dockerfile", azureYaml);
    }

    [Fact]
    public void The_registry_has_no_admin_user_and_grants_only_AcrPull_to_the_app()
    {
        var registry = Single("Microsoft.ContainerRegistry/registries");
        Assert.False(registry.GetProperty("properties").GetProperty("adminUserEnabled").GetBoolean());
    }

    [Fact]
    public void Storage_takes_no_shared_keys_and_https_only_and_the_app_ingress_refuses_http()
    {
        var props = Single("Microsoft.Storage/storageAccounts").GetProperty("properties");
        Assert.False(props.GetProperty("allowSharedKeyAccess").GetBoolean());
        Assert.True(props.GetProperty("supportsHttpsTrafficOnly").GetBoolean());
        Assert.False(props.GetProperty("allowBlobPublicAccess").GetBoolean());
        Assert.Equal("TLS1_2", props.GetProperty("minimumTlsVersion").GetString());
        var ingress = FunctionsApp().GetProperty("properties").GetProperty("configuration").GetProperty("ingress");
        Assert.False(ingress.GetProperty("allowInsecure").GetBoolean());
    }

    [Fact]
    public void Role_assignments_are_the_minimal_data_roles_for_service_principals_except_the_optional_deployer()
    {
        string[] allowed =
        [
            "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", // Storage Blob Data Owner
            "974c5e8b-45b9-4653-ba55-5f855dd0fb88", // Storage Queue Data Contributor
            "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", // Storage Table Data Contributor
            "3913510d-42f4-4e42-8a64-420c390055eb", // Monitoring Metrics Publisher
            "7f951dda-4ed3-4680-a7ca-43fe172d538d", // AcrPull
        ];
        var assignments = Resources("Microsoft.Authorization/roleAssignments").ToList();
        Assert.Equal(5, assignments.Count); // AcrPull; per roles module (app, deployer) one storage copy loop and one metrics publisher
        foreach (var a in assignments)
        {
            var p = a.GetProperty("properties");
            Assert.DoesNotContain("parameters(", p.GetProperty("roleDefinitionId").GetString()); // roles fixed in the template
            var type = p.GetProperty("principalType").GetString()!;
            Assert.True(type is "ServicePrincipal" or "[parameters('principalType')]", type);
        }
        // the role definition ids the assignments name, literally or through the module's variables
        var granted = Templates()
            .Where(t => t.TryGetProperty("resources", out _) && Resources(t, "Microsoft.Authorization/roleAssignments").Any())
            .SelectMany(t => Guids(t.TryGetProperty("variables", out var v) ? v.GetRawText() : "")
                .Concat(Resources(t, "Microsoft.Authorization/roleAssignments").SelectMany(a => Guids(a.GetProperty("properties").GetProperty("roleDefinitionId").GetString()!))))
            .ToHashSet();
        Assert.Equal(allowed.Order(), granted.Order());
        // the app's identity: literally ServicePrincipal; the deployer's data roles: only if principalId is given, type parameterised
        var deployments = Resources("Microsoft.Resources/deployments").ToList();
        var roles = deployments.Single(d => d.GetProperty("name").GetString() == "roles");
        Assert.Equal("ServicePrincipal", roles.GetProperty("properties").GetProperty("parameters").GetProperty("principalType").GetProperty("value").GetString());
        var deployer = deployments.Single(d => d.GetProperty("name").GetString() == "deployer-roles");
        Assert.Equal("[not(empty(parameters('principalId')))]", deployer.GetProperty("condition").GetString());
    }

    [Fact]
    public void Downloaded_videos_are_deleted_after_the_configured_number_of_days()
    {
        var rule = Assert.Single(Single("Microsoft.Storage/storageAccounts/managementPolicies")
            .GetProperty("properties").GetProperty("policy").GetProperty("rules").EnumerateArray());
        var definition = rule.GetProperty("definition");
        Assert.Equal(["videos/"], definition.GetProperty("filters").GetProperty("prefixMatch").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("[parameters('videoRetentionDays')]",
            definition.GetProperty("actions").GetProperty("baseBlob").GetProperty("delete").GetProperty("daysAfterModificationGreaterThan").GetString());
        Assert.Equal(7, Arm.GetProperty("parameters").GetProperty("videoRetentionDays").GetProperty("defaultValue").GetInt32());
    }

    [Fact]
    public void Scale_keeps_one_replica_for_the_storage_backend_and_logs_go_to_log_analytics()
    {
        var scale = FunctionsApp().GetProperty("properties").GetProperty("template").GetProperty("scale");
        Assert.Equal("[parameters('minReplicas')]", scale.GetProperty("minReplicas").GetString());
        var min = Arm.GetProperty("parameters").GetProperty("minReplicas");
        Assert.Equal(1, min.GetProperty("minValue").GetInt32());
        Assert.True(Resources("Microsoft.Insights/diagnosticSettings").Count() >= 4); // environment, registry, blob service, account
        Assert.True(Single("Microsoft.Insights/components").GetProperty("properties").GetProperty("DisableLocalAuth").GetBoolean());
    }

    [Fact]
    public void The_worker_app_scales_on_the_task_hubs_queues_read_with_the_managed_identity()
    {
        var worker = Assert.Single(Resources("Microsoft.App/containerApps"), a => !a.TryGetProperty("kind", out _));
        Assert.Equal("UserAssigned", worker.GetProperty("identity").GetProperty("type").GetString());
        var template = worker.GetProperty("properties").GetProperty("template");
        var container = Assert.Single(template.GetProperty("containers").EnumerateArray());
        var args = container.GetProperty("args").EnumerateArray().Select(a => a.GetString()).ToList();
        Assert.Equal(["worker", "--account", "[parameters('storageAccountName')]", "--hub", "[parameters('taskHubName')]"], args);
        var scale = template.GetProperty("scale");
        Assert.Equal("[parameters('minReplicas')]", scale.GetProperty("minReplicas").GetString());
        Assert.Equal("[parameters('maxReplicas')]", scale.GetProperty("maxReplicas").GetString());
        var rules = scale.GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("azureQueue")).ToList();
        // the Azure Storage back end's queues of hub <hub>: <hub>-workitems (activities: one per video) and 4 control queues
        Assert.Equal(["{0}-workitems", "{0}-control-00", "{0}-control-01", "{0}-control-02", "{0}-control-03"],
            rules.Select(r => r.GetProperty("queueName").GetString()!.Replace("[format('", "", StringComparison.Ordinal).Split('\'')[0]));
        foreach (var rule in rules)
        {
            Assert.Equal("[parameters('identityId')]", rule.GetProperty("identity").GetString()); // the managed identity, no secret
            Assert.Equal("[parameters('storageAccountName')]", rule.GetProperty("accountName").GetString());
            Assert.False(rule.TryGetProperty("auth", out _));
        }
        Assert.Equal("[parameters('workItemsPerReplica')]", rules[0].GetProperty("queueLength").GetString());
        // the hub the worker joins and whose queues it watches is the Functions app's (host.json)
        var hub = JsonDocument.Parse(File.ReadAllText(Path.Combine(SharedData.RepoRoot, "host.json"))).RootElement
            .GetProperty("extensions").GetProperty("durableTask");
        Assert.Equal(hub.GetProperty("hubName").GetString(), Arm.GetProperty("parameters").GetProperty("taskHubName").GetProperty("defaultValue").GetString());
        // control-00..03: the hub's 4 partitions, as the CLI's workers create and join it
        Assert.Equal(AdsRecommender.Hosting.SharedHub.PartitionCount, hub.GetProperty("storageProvider").GetProperty("partitionCount").GetInt32());
        Assert.Equal(4, rules.Count - 1);
        var workerTemplate = Templates().Single(t => Resources(t, "Microsoft.App/containerApps").Any(a => !a.TryGetProperty("kind", out _)));
        Assert.Equal("[toLower(parameters('taskHubName'))]", workerTemplate.GetProperty("variables").GetProperty("hubQueuePrefix").GetString());
        // replica bounds are azd parameters; kind functionapp is capped at 10 replicas
        var parameters = File.ReadAllText(Path.Combine(SharedData.RepoRoot, "infra", "main.parameters.json"));
        foreach (var p in new[] { "minReplicas", "maxReplicas", "workerMinReplicas", "workerMaxReplicas", "workerVideosPerReplica" })
            Assert.Contains($"\"{p}\": {{ \"value\": \"${{ADSREC_", parameters);
        Assert.Equal(10, Arm.GetProperty("parameters").GetProperty("maxReplicas").GetProperty("maxValue").GetInt32());
        Assert.Contains("worker:", File.ReadAllText(Path.Combine(SharedData.RepoRoot, "azure.yaml")));
    }

    private static JsonElement FunctionsApp() =>
        Assert.Single(Resources("Microsoft.App/containerApps"), a => a.TryGetProperty("kind", out var k) && k.GetString() == "functionapp");

    private static JsonElement Single(string type)
    {
        var found = Resources(type).ToList();
        return found.Count == 1 ? found[0] : throw new Xunit.Sdk.XunitException($"expected one {type}, found {found.Count}");
    }

    /// <summary>Every resource of <paramref name="type"/> in the template and its nested module deployments.</summary>
    private static IEnumerable<JsonElement> Resources(string type) => Templates().SelectMany(t => Resources(t, type));

    /// <summary>The compiled template and every nested module template in it.</summary>
    private static IEnumerable<JsonElement> Templates()
    {
        var stack = new Stack<JsonElement>([Arm]);
        while (stack.Count > 0)
        {
            var template = stack.Pop();
            yield return template;
            foreach (var d in Resources(template, "Microsoft.Resources/deployments"))
                stack.Push(d.GetProperty("properties").GetProperty("template"));
        }
    }

    /// <summary>The resources of <paramref name="type"/> declared directly in <paramref name="template"/>.</summary>
    private static IEnumerable<JsonElement> Resources(JsonElement template, string type)
    {
        if (!template.TryGetProperty("resources", out var resources)) return [];
        var items = resources.ValueKind == JsonValueKind.Array
            ? resources.EnumerateArray().ToList()
            : resources.EnumerateObject().Select(p => p.Value).ToList();
        return items.Where(r => r.GetProperty("type").GetString() == type);
    }

    private static IEnumerable<string> Guids(string text) =>
        System.Text.RegularExpressions.Regex.Matches(text, "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}").Select(m => m.Value);

    private static (JsonElement, string) Compile()
    {
        var bicep = Path.Combine(Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
            "azure.bicep.commandline.linux-x64", BicepVersion, "tools", "bicep");
        if (!File.Exists(bicep)) throw new FileNotFoundException($"Bicep CLI {BicepVersion} not restored (PackageDownload in this test project)", bicep);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(bicep, File.GetUnixFileMode(bicep) | UnixFileMode.UserExecute);
        var result = Task.Run(() => ChildProcess.RunAsync(bicep, ["build", Path.Combine(SharedData.RepoRoot, "infra", "main.bicep"), "--stdout"], Deadline.Run))
            .GetAwaiter().GetResult();
        if (result.ExitCode != 0) throw new Xunit.Sdk.XunitException($"bicep build failed ({result.ExitCode}): {result.Error}");
        return (JsonDocument.Parse(result.Output).RootElement.Clone(), result.Error);
    }
}
