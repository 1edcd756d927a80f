using Certification.Domain.Criteria;
using Certification.Domain.Tests.Support;

namespace Certification.Domain.Tests.Criteria;

public class CriteriaCatalogTests
{
    [Fact]
    public void The_built_in_catalog_holds_miit_2022_as_default()
    {
        var catalog = CriteriaCatalog.LoadBuiltIn();

        catalog.Versions.Should().Contain("miit-2022");
        catalog.Default.Version.Should().Be(CriteriaCatalog.DefaultVersion);
        catalog.Default.SourceName.Should().Be("criteria.miit-2022.json");
        catalog.Default.Tiers.Select(t => (t.Code, t.Name, t.ValidityYears)).Should().Equal(
            ("innovative", "创新型中小企业", 3),
            ("specialized", "专精特新中小企业", 3),
            ("little-giant", "专精特新“小巨人”企业", 3));
    }

    [Fact]
    public void The_embedded_resource_is_the_repository_file()
    {
        var fromDirectory = CriteriaCatalog.LoadDirectory(Path.Combine(RepoFiles.RepoRoot, "criteria"));

        fromDirectory.Default.ResolvedJson.Should().Be(CriteriaCatalog.LoadBuiltIn().Default.ResolvedJson);
    }

    [Fact]
    public void An_unknown_version_lists_the_known_ones()
    {
        var act = () => CriteriaCatalog.LoadBuiltIn().Get("miit-2030");

        act.Should().Throw<UnknownCriteriaVersionException>().Which.Message.Should().Contain("miit-2022");
        CriteriaCatalog.LoadBuiltIn().TryGet("miit-2030", out _).Should().BeFalse();
    }

    [Fact]
    public void With_adds_versions_without_changing_the_original_catalog()
    {
        var builtIn = CriteriaCatalog.LoadBuiltIn();

        var extended = builtIn.With("""{ "version": "x-2024", "extends": "miit-2022" }""");

        extended.Versions.Should().Contain(["miit-2022", "x-2024"]);
        builtIn.TryGet("x-2024", out _).Should().BeFalse();
        extended.Get("x-2024").Definition.Extends.Should().Be("miit-2022");
        extended.Get("x-2024").Definition.Title.Should().BeNull("metadata is not inherited");
    }

    [Fact]
    public void A_directory_of_overlays_loads_on_top_of_the_built_in_versions()
    {
        var directory = Directory.CreateTempSubdirectory("criteria-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "zj-2024.json"),
                """{ "version": "zj-2024", "extends": "miit-2022", "region": "33" }""");

            var catalog = CriteriaCatalog.LoadBuiltIn().WithDirectory(directory.FullName);

            catalog.Get("zj-2024").Definition.Region.Should().Be("33");
            catalog.Get("zj-2024").SourceName.Should().EndWith("zj-2024.json");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
