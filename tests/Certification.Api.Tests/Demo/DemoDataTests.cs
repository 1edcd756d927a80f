using System.Text.Json.Nodes;
using Certification.Api.Identity;
using Certification.Domain.Applications;
using Certification.Domain.Dynamic;
using Certification.Domain.Review;
using Certification.Domain.Time;
using Certification.Tests.Shared;
using Certification.Workflows.Persistence;
using Certification.Workflows.Runtime.Storage;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Certification.Api.Tests.CliRunner;

namespace Certification.Api.Tests.Demo;

/// <summary><c>seed demo</c>: demo data made through the product's features, in every state, exported safely.</summary>
public sealed class DemoDataTests : IDisposable
{
    private static readonly string[] EveryState =
    [
        ApplicationStatus.Draft, ApplicationStatus.Withdrawn, ApplicationStatus.PreliminaryReview, ApplicationStatus.Returned,
        ApplicationStatus.FormalReview, ApplicationStatus.ExpertReview, ApplicationStatus.Recommendation, ApplicationStatus.Publicity,
        ApplicationStatus.Certified, ApplicationStatus.Rejected,
    ];

    private readonly string _folder = Directory.CreateTempSubdirectory("cert-demo-").FullName;

    private string Db(string name) => Path.Combine(_folder, name + ".db");

    private static CertificationDbContext Open(string db)
    {
        var options = new DbContextOptionsBuilder<CertificationDbContext>();
        new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={db}", "NORMAL").Configure(options);
        return new CertificationDbContext(options.Options);
    }

    [Fact]
    public async Task Seed_demo_prints_one_json_line_and_leaves_applications_in_every_state_with_titles_the_exports_count_safely()
    {
        var db = Db("demo");

        var (exit, output, error) = await Run("seed", "demo", "--db", db, "--enterprises", "40", "--seed", "7");

        exit.Should().Be(0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().ContainSingle("the verb prints one JSON line");
        var summary = JsonNode.Parse(lines[0])!;
        summary["enterprises"]!.GetValue<int>().Should().Be(40);
        summary["applications"]!.AsObject().Select(p => p.Key).Should().Contain(EveryState);
        summary["seconds"]!.GetValue<double>().Should().BePositive();

        await using var context = Open(db);
        (await context.Enterprises.CountAsync()).Should().Be(40);
        foreach (var tier in new[] { "innovative", "specialized", "little-giant" })
            summary["certified"]![tier]!.GetValue<int>().Should().Be(await context.Titles.CountAsync(t => t.Tier == tier), tier);
        summary["certified"]!["specialized"]!.GetValue<int>().Should().BePositive();
        (await context.Experts.CountAsync()).Should().Be(summary["experts"]!.GetValue<int>());
        // Through the engine: every application of the current round has a workflow, and every change is in the audit log.
        (await context.Applications.CountAsync(a => a.Status != ApplicationStatus.Draft && a.WorkflowInstanceId == null)).Should().Be(0);
        (await context.ReviewDecisions.AnyAsync(d => d.Stage != "" && d.Reason != null)).Should().BeTrue("returns and rejections carry reasons");
        (await context.ExpertAssignments.AnyAsync(s => s.Status == ExpertAssignmentStatus.Submitted)).Should().BeTrue();
        (await context.Objections.CountAsync()).Should().BeInRange(1, 2, "the officers' objection page has something to resolve");
        (await context.Objections.AnyAsync(o => context.Applications.Any(a => a.Id == o.ApplicationId && a.RegionCode.StartsWith("33"))))
            .Should().BeTrue("the demo's formal reviewer (Zhejiang) sees one");
        (await context.ChangeReports.SingleAsync()).RegionCode.Should().StartWith("33");
        (await context.HumanTasks.CountAsync(t => t.ActivityType == "Certification.ChangeReview" && t.Status == HumanTaskStatus.Open))
            .Should().Be(1, "the reported change waits for the formal reviewers' re-check");
        // The pilot round's titles end within the re-evaluation lead: their re-evaluations are open in Zhejiang, one
        // with the enterprise's data in and a proposal for the officer, the others waiting for the enterprise.
        var today = ChinaTime.Today(TimeProvider.System);
        var reviews = await context.ReEvaluations.ToListAsync();
        reviews.Should().HaveCount(3).And.OnlyContain(r => r.RegionCode.StartsWith("33") && r.TitleValidUntil > today && r.TitleValidUntil <= today.AddDays(90));
        reviews.Should().ContainSingle(r => r.Status == ReEvaluationStatus.AwaitingConfirmation && r.ProposedOutcome != null);
        reviews.Count(r => r.Status == ReEvaluationStatus.AwaitingData).Should().Be(2);
        (await context.HumanTasks.CountAsync(t => t.ActivityType == "Certification.ConfirmReEvaluation" && t.Status == HumanTaskStatus.Open))
            .Should().Be(1, "the proposal waits for an officer's confirmation");
        // Two Zhejiang holders' yearly data fall below their specialized tier: the watch list has them.
        var flagged = await context.AnnualUpdates.Where(u => u.Flagged && u.Current).ToListAsync();
        flagged.Should().HaveCount(2).And.OnlyContain(u => u.RegionCode.StartsWith("33") && u.ResultsJson.Contains("Downgraded"));
        (await Run("audit", "verify", "--db", db)).Exit.Should().Be(0);

        // Exports of the seeded titles: every title once, hostile names neutralised.
        var csvPath = Path.Combine(_folder, "innovative.csv");
        (await Run("export", "approved", "--tier", "innovative", "--format", "csv", "--out", csvPath, "--db", db)).Exit.Should().Be(0);
        var rows = Exports.AnnouncementTests.ReadCsv(await File.ReadAllBytesAsync(csvPath)).Skip(1).ToList();
        rows.Should().HaveCount(await context.Titles.CountAsync(t => t.Tier == "innovative"));
        rows.Select(r => r[1]).Should().OnlyContain(n => n.Length == 0 || !"=+-@\t\r".Contains(n[0]));
        var dangerous = await (from t in context.Titles
                               join e in context.Enterprises on t.EnterpriseId equals e.Id
                               where t.Tier == "innovative" && (e.Name.StartsWith("=") || e.Name.StartsWith("+") || e.Name.StartsWith("-") || e.Name.StartsWith("@"))
                               select e.Name).ToListAsync();
        dangerous.Should().NotBeEmpty("the seed gives hostile names titles");
        rows.Select(r => r[1]).Should().Contain(dangerous.Select(n => "'" + n));
        var xlsxPath = Path.Combine(_folder, "specialized.xlsx");
        (await Run("export", "approved", "--tier", "specialized", "--format", "xlsx", "--out", xlsxPath, "--db", db)).Exit.Should().Be(0);
        using (var document = SpreadsheetDocument.Open(xlsxPath, false))
            document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().Count().Should()
                .Be(1 + await context.Titles.CountAsync(t => t.Tier == "specialized"));

        (await Run("seed", "demo", "--db", db, "--enterprises", "5")).Exit.Should().Be(2, "demo data goes only into an empty database");
        (await Run("seed", "demo", "--db", Db("bad"), "--enterprises", "0")).Exit.Should().Be(2);
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_demo_data()
    {
        var first = await Run("seed", "demo", "--db", Db("a"), "--enterprises", "12", "--seed", "3");
        var second = await Run("seed", "demo", "--db", Db("b"), "--enterprises", "12", "--seed", "3");

        first.Exit.Should().Be(0, first.Error);
        second.Exit.Should().Be(0, second.Error);
        var a = JsonNode.Parse(first.Out)!;
        var b = JsonNode.Parse(second.Out)!;
        a["certified"]!.ToJsonString().Should().Be(b["certified"]!.ToJsonString());
        a["applications"]!.ToJsonString().Should().Be(b["applications"]!.ToJsonString());
        await using var one = Open(Db("a"));
        await using var two = Open(Db("b"));
        (await one.Enterprises.OrderBy(e => e.CreditCode).Select(e => e.CreditCode + e.Name + e.RegionCode).ToListAsync()).Should()
            .Equal(await two.Enterprises.OrderBy(e => e.CreditCode).Select(e => e.CreditCode + e.Name + e.RegionCode).ToListAsync());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>The host seeds demo data on the first start of an empty database, in Development only, and binds the demo accounts to it.</summary>
public sealed class ServeDemoDataTests
{
    private sealed class Host(string environment) : WebApplicationFactory<Program>
    {
        public TestDatabase Database { get; } = TestDatabase.Create();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(environment);
            foreach (var (key, value) in Database.Settings) builder.UseSetting(key, value);
            builder.UseSetting("Demo:Enterprises", "16");
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing) Database.Dispose();
        }
    }

    [Fact]
    public async Task Development_seeds_an_empty_database_and_gives_every_demo_account_something_to_see()
    {
        using var host = new Host("Development");
        _ = host.Server;
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CertificationDbContext>();

        (await db.Enterprises.CountAsync()).Should().Be(16 + 1, "16 seeded and the demo enterprise");
        (await db.Titles.AnyAsync()).Should().BeTrue();
        var demoEnterprise = await db.Enterprises.SingleAsync(e => e.CreditCode == DemoAccounts.EnterpriseCreditCode);
        var draft = await db.Applications.SingleAsync(a => a.EnterpriseId == demoEnterprise.Id);
        draft.Status.Should().Be(ApplicationStatus.Draft);
        (await db.Documents.CountAsync(d => d.ApplicationId == draft.Id)).Should().BePositive("the draft is half done, for the demo user to complete");
        var open = db.HumanTasks.Where(t => t.Status == HumanTaskStatus.Open);
        (await open.AnyAsync(t => t.ActivityType == "Certification.PreliminaryReview" && t.Region!.StartsWith("3301")))
            .Should().BeTrue("demo-preliminary (Hangzhou) has a task");
        (await open.AnyAsync(t => t.ActivityType == "Certification.FormalReview" && t.Region!.StartsWith("33")))
            .Should().BeTrue("demo-formal (Zhejiang) has a task");
        var expert = await db.Experts.SingleAsync(e => e.UserName == DemoAccounts.ExpertUserName);
        (await db.ExpertAssignments.AnyAsync(s => s.ExpertId == expert.Id && s.Status == ExpertAssignmentStatus.Assigned
                                                  && open.Any(t => t.Id == s.PanelTaskId))).Should().BeTrue("demo-expert has a seat");
        (await db.ReEvaluations.AnyAsync(r => r.Status == ReEvaluationStatus.AwaitingConfirmation && r.RegionCode.StartsWith("33")))
            .Should().BeTrue("demo-formal has a re-evaluation to confirm (复核确认)");
        (await db.ReEvaluations.AnyAsync(r => r.Status == ReEvaluationStatus.AwaitingData && r.RegionCode.StartsWith("33"))).Should().BeTrue();
        (await db.AnnualUpdates.AnyAsync(u => u.Flagged && u.Current && u.RegionCode.StartsWith("33")))
            .Should().BeTrue("the watch list (重点关注名单) of Zhejiang has entries");
        DemoAccounts.Current.Should().HaveCount(7);
    }

    [Fact]
    public async Task Other_environments_never_seed()
    {
        using var host = new Host("Production");
        _ = host.Server;
        await using var scope = host.Services.CreateAsyncScope();

        (await scope.ServiceProvider.GetRequiredService<CertificationDbContext>().Enterprises.AnyAsync()).Should().BeFalse();
    }
}
