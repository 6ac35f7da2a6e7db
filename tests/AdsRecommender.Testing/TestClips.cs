
namespace AdsRecommender.Testing;

/// <summary>
/// Small real clips shared by the orchestration, CLI and Azure tests (encoded once, cached by ClipMaker):
/// two clips of Angelina Jolie and two of Jennifer Aniston from different photos, one of Joe Biden, one with no face.
/// </summary>
public static class TestClips
{
    public static readonly ClipSpec JolieA = ClipSpec.WithIntro(SharedData.Photo("angelina_jolie", 2), 0.5, 1.5);
    public static readonly ClipSpec JolieB = ClipSpec.Still(SharedData.Photo("angelina_jolie", 3), 1.5);
    public static readonly ClipSpec AnistonA = ClipSpec.Still(SharedData.Photo("jennifer_aniston", 1), 1.5);
    public static readonly ClipSpec AnistonB = ClipSpec.WithIntro(SharedData.Photo("jennifer_aniston", 3), 0.5, 1.5);
    public static readonly ClipSpec Biden = ClipSpec.Still(SharedData.Photo("joe_biden", 1), 1.5);
    public static readonly ClipSpec Nobody = ClipSpec.NoFace(1.0);

    public static async Task<IReadOnlyDictionary<string, string>> ServeAllAsync(TestHttpServer server)
    {
        var map = new Dictionary<string, string>
        {
            ["jolie_a.mp4"] = await ClipMaker.GetAsync(JolieA),
            ["jolie_b.mp4"] = await ClipMaker.GetAsync(JolieB),
            ["aniston_a.mp4"] = await ClipMaker.GetAsync(AnistonA),
            ["aniston_b.mp4"] = await ClipMaker.GetAsync(AnistonB),
            ["biden.mp4"] = await ClipMaker.GetAsync(Biden),
            ["nobody.mp4"] = await ClipMaker.GetAsync(Nobody),
        };
        foreach (var (name, path) in map) server.ServeFile("/" + name, path);
        return map;
    }
}
