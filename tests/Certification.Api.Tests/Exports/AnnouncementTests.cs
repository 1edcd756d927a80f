using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Certification.Domain.Applications;
using Certification.Domain.Batches;
using Certification.Domain.Enterprises;
using Certification.Domain.Titles;
using Certification.Workflows.Persistence;
using CsvHelper;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Certification.Api.Tests.CliRunner;

namespace Certification.Api.Tests.Exports;

/// <summary>The public announcement list (公告名单) of a batch: after certification, numbered, grouped by region, formula-safe.</summary>
public sealed class AnnouncementTests : IDisposable
{
    private readonly ApiFactory _factory = new();
    private const string BatchId = "batch-announce";

    /// <summary>A province batch with certified enterprises in Hangzhou (3301) and Ningbo (3302), one still in publicity.</summary>
    private async Task SeedAsync(bool oneInPublicity)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CertificationDbContext>();
        var now = DateTime.UtcNow;
        db.Batches.Add(Batch.Create(BatchId, "2026年浙江省创新型中小企业第一批", "innovative", "33", new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31),
            "miit-2022", 5, 0m, null, now));
        var regions = new[] { "330212", "330106", "330102", "330106", "330212" };
        for (var i = 0; i < regions.Length; i++)
        {
            var name = i == 0 ? TitleSeed.HostileNames[0] : $"公告企业{i}有限公司";
            var enterprise = Enterprise.Register($"ann-ent-{i}", TitleSeed.CreditCode(500 + i), name, regions[i], null, null, null, now);
            var application = Application.Draft($"ann-app-{i}", enterprise.Id, BatchId, "innovative", regions[i], "miit-2022", now);
            db.AddRange(enterprise, application);
            if (i == regions.Length - 1 && oneInPublicity)
            {
                application.StartPublicity(now.AddDays(5));
                continue;
            }
            application.Certify(now);
            db.Titles.Add(Title.Issue($"ann-title-{i}", enterprise.Id, application.Id, "innovative", $"CX-2026-{i:D6}", "miit-2022",
                new DateOnly(2026, 4, 10), 3, now));
        }
        await db.SaveChangesAsync();
    }

    private async Task FinishPublicityAsync()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CertificationDbContext>();
        var last = await db.Applications.SingleAsync(a => a.Status == ApplicationStatus.Publicity);
        last.Certify(DateTime.UtcNow);
        db.Titles.Add(Title.Issue("ann-title-last", last.EnterpriseId, last.Id, "innovative", "CX-2026-000099", "miit-2022", new DateOnly(2026, 4, 10), 3,
            DateTime.UtcNow));
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task A_batch_is_announced_only_when_no_application_is_left_in_publicity()
    {
        await SeedAsync(oneInPublicity: true);
        var anonymous = _factory.CreateClient();

        (await anonymous.GetAsync($"/api/public/batches/{BatchId}/announcement")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await anonymous.GetAsync("/api/public/batches/no-such-batch/announcement")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        await FinishPublicityAsync();
        var json = JsonNode.Parse(await anonymous.GetStringAsync($"/api/public/batches/{BatchId}/announcement"))!;

        json["title"]!.GetValue<string>().Should().Be("2026年浙江省创新型中小企业第一批认定名单");
        json["total"]!.GetValue<int>().Should().Be(5);
        var groups = json["groups"]!.AsArray();
        groups.Select(g => g!["regionCode"]!.GetValue<string>()).Should().Equal("3301", "3302");
        var entries = groups.SelectMany(g => g!["entries"]!.AsArray()).ToList();
        entries.Select(e => e!["number"]!.GetValue<int>()).Should().Equal(1, 2, 3, 4, 5);
        entries.Select(e => e!["regionCode"]!.GetValue<string>()).Should().Equal("330102", "330106", "330106", "330212", "330212");
        entries.Select(e => e!["enterpriseName"]!.GetValue<string>()).Should().Contain(TitleSeed.HostileNames[0], "JSON carries the name as registered");
    }

    [Fact]
    public async Task The_csv_and_xlsx_have_the_title_line_headers_group_lines_and_numbered_formula_safe_rows()
    {
        await SeedAsync(oneInPublicity: false);
        var anonymous = _factory.CreateClient();

        var bytes = await anonymous.GetByteArrayAsync($"/api/public/batches/{BatchId}/announcement?format=csv");
        bytes.Take(3).Should().Equal(0xEF, 0xBB, 0xBF);
        var lines = ReadCsv(bytes);
        lines[0].Should().Equal("2026年浙江省创新型中小企业第一批认定名单");
        lines[1].Should().Equal("序号", "企业名称", "统一社会信用代码", "所在地区");
        lines[2].Should().Equal("一、浙江省 3301（3 家）");
        lines[3][0].Should().Be("1");
        lines[3][3].Should().Be("浙江省 330102");
        lines[6].Should().Equal("二、浙江省 3302（2 家）");
        lines.Where(l => l.Length == 4).Skip(1).Select(l => l[1]).Should().Contain("'" + TitleSeed.HostileNames[0]);

        var response = await anonymous.GetAsync($"/api/public/batches/{BatchId}/announcement?format=xlsx");
        using var document = SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        var rows = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().ToList();
        rows.Should().HaveCount(lines.Count);
        rows[0].InnerText.Should().Be("2026年浙江省创新型中小企业第一批认定名单");

        (await anonymous.GetAsync($"/api/public/batches/{BatchId}/announcement?format=pdf")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_cli_writes_the_announcement_of_a_batch()
    {
        if (_factory.DatabasePath is not { } db) return; // the verb's --db is a SQLite file
        await SeedAsync(oneInPublicity: false);
        var folder = Directory.CreateTempSubdirectory("cert-announce-").FullName;
        try
        {
            var csv = await Run("export", "announcement", "--batch", BatchId, "--format", "csv", "--out", Path.Combine(folder, "a.csv"), "--db", db);
            var json = await Run("export", "announcement", "--batch", BatchId, "--format", "json", "--out", Path.Combine(folder, "a.json"), "--db", db);
            var missing = await Run("export", "announcement", "--batch", "nope", "--format", "csv", "--out", Path.Combine(folder, "b.csv"), "--db", db);

            csv.Exit.Should().Be(0, csv.Error);
            json.Exit.Should().Be(0, json.Error);
            ReadCsv(await File.ReadAllBytesAsync(Path.Combine(folder, "a.csv"))).Should().HaveCount(2 + 2 + 5);
            JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "a.json")))!["total"]!.GetValue<int>().Should().Be(5);
            missing.Exit.Should().Be(2);
            File.Exists(Path.Combine(folder, "b.csv")).Should().BeFalse();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    internal static List<string[]> ReadCsv(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8);
        using var csv = new CsvReader(reader, new CsvHelper.Configuration.CsvConfiguration(System.Globalization.CultureInfo.InvariantCulture)
            { DetectColumnCountChanges = false, MissingFieldFound = null });
        var rows = new List<string[]>();
        while (csv.Read()) rows.Add(Enumerable.Range(0, csv.Parser.Count).Select(i => csv.GetField(i)!).ToArray());
        return rows;
    }

    public void Dispose() => _factory.Dispose();
}
