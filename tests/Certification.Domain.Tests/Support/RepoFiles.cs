namespace Certification.Domain.Tests.Support;

/// <summary>Files of the repository and its surroundings, found from the test's output directory.</summary>
internal static class RepoFiles
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string CriteriaFile(string version) => Path.Combine(RepoRoot, "criteria", version + ".json");

    /// <summary>The worked cases: the copy kept with the tests, else the shared original beside the repository.</summary>
    public static string CasesFile
    {
        get
        {
            var copy = Path.Combine(AppContext.BaseDirectory, "Data", "criteria-cases.json");
            return File.Exists(copy) ? copy : SharedCasesFile;
        }
    }

    public static string SharedCasesFile => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "examples", "criteria-cases.json"));

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Certification.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Certification.sln not found above " + AppContext.BaseDirectory);
    }
}
