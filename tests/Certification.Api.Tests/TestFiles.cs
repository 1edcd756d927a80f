namespace Certification.Api.Tests;

public static class TestFiles
{
    /// <summary>The repository root (the folder that holds Certification.sln).</summary>
    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Certification.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("Certification.sln not found above the test binaries");
        }
    }

    public static string TempFile(string name, string content)
    {
        var folder = Path.Combine(Path.GetTempPath(), "cert-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, content);
        return path;
    }
}
