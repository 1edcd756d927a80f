using System.Diagnostics.CodeAnalysis;
using Certification.Domain.Criteria.Definitions;

namespace Certification.Domain.Criteria;

/// <summary>All criteria versions known to the application, by version id.</summary>
public sealed class CriteriaCatalog
{
    public const string DefaultVersion = "miit-2022";

    private const string ResourcePrefix = "criteria.";

    private static readonly Lazy<CriteriaCatalog> BuiltIn = new(() => new CriteriaCatalog(
        CriteriaLoader.Load(BuiltInSources(), new Dictionary<string, CriteriaSet>())));

    private readonly IReadOnlyDictionary<string, CriteriaSet> sets;

    private CriteriaCatalog(IReadOnlyDictionary<string, CriteriaSet> sets) => this.sets = sets;

    public IReadOnlyList<string> Versions => sets.Keys.Order(StringComparer.Ordinal).ToList();

    public IReadOnlyList<CriteriaSet> Sets => Versions.Select(v => sets[v]).ToList();

    /// <exception cref="UnknownCriteriaVersionException"/>
    public CriteriaSet Default => Get(DefaultVersion);

    /// <summary>The versions shipped inside the assembly (<c>criteria/*.json</c>).</summary>
    public static CriteriaCatalog LoadBuiltIn() => BuiltIn.Value;

    /// <summary>Only the given versions; one may extend another among them.</summary>
    /// <exception cref="CriteriaDefinitionException"/>
    public static CriteriaCatalog Load(params string[] jsonTexts)
        => new(CriteriaLoader.Load(Texts(jsonTexts), new Dictionary<string, CriteriaSet>()));

    /// <summary>Only the versions in <c>*.json</c> files of <paramref name="directory"/>.</summary>
    /// <exception cref="CriteriaDefinitionException"/>
    public static CriteriaCatalog LoadDirectory(string directory)
        => new(CriteriaLoader.Load(Files(directory), new Dictionary<string, CriteriaSet>()));

    /// <summary>This catalog plus the given versions, which may extend versions already in it.</summary>
    /// <exception cref="CriteriaDefinitionException"/>
    public CriteriaCatalog With(params string[] jsonTexts) => new(CriteriaLoader.Load(Texts(jsonTexts), sets));

    /// <summary>This catalog plus the versions in <c>*.json</c> files of <paramref name="directory"/>.</summary>
    /// <exception cref="CriteriaDefinitionException"/>
    public CriteriaCatalog WithDirectory(string directory) => new(CriteriaLoader.Load(Files(directory), sets));

    /// <exception cref="UnknownCriteriaVersionException"/>
    public CriteriaSet Get(string version)
        => TryGet(version, out var set) ? set : throw new UnknownCriteriaVersionException(version, Versions);

    public bool TryGet(string version, [NotNullWhen(true)] out CriteriaSet? set)
        => sets.TryGetValue(version, out set);

    private static IEnumerable<CriteriaSource> Texts(string[] jsonTexts)
        => jsonTexts.Select((text, index) => new CriteriaSource($"text[{index}]", text));

    private static IEnumerable<CriteriaSource> Files(string directory)
        => Directory.EnumerateFiles(directory, "*.json")
            .Order(StringComparer.Ordinal)
            .Select(path => new CriteriaSource(path, File.ReadAllText(path)));

    private static IEnumerable<CriteriaSource> BuiltInSources()
    {
        var assembly = typeof(CriteriaCatalog).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(IsCriteriaResource).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            yield return new CriteriaSource(name, reader.ReadToEnd());
        }
    }

    private static bool IsCriteriaResource(string name)
        => name.StartsWith(ResourcePrefix, StringComparison.Ordinal) && name.EndsWith(".json", StringComparison.Ordinal);
}
