namespace Certification.Workflows.Tests.Engine;

public static class TestData
{
    public static string Read(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Engine", "TestData", name));
}
