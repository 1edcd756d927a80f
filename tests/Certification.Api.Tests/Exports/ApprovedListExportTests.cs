using Certification.Api.Tests.Identity;
using System.Net;
using System.Text;
using Certification.Workflows.Persistence;
using CsvHelper;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Extensions.DependencyInjection;
using static Certification.Api.Tests.CliRunner;

namespace Certification.Api.Tests.Exports;

public sealed class ApprovedListExportTests : IDisposable
{
    private readonly ApiFactory _factory = new();

    private async Task Seed(int count, string tier = "innovative", string region = "330106", int offset = 0)
    {
        using var scope = _factory.Services.CreateScope();
        await TitleSeed.SeedAsync(scope.ServiceProvider.GetRequiredService<CertificationDbContext>(), count, tier, region, offset: offset);
    }

    private static List<string[]> ReadCsv(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8);
        using var csv = new CsvReader(reader, System.Globalization.CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (csv.Read()) rows.Add(Enumerable.Range(0, csv.Parser.Count).Select(i => csv.GetField(i)!).ToArray());
        return rows;
    }

    [Fact]
    public async Task The_csv_has_a_bom_chinese_headers_every_row_and_formula_safe_cells()
    {
        await Seed(40);

        var response = await _factory.CreateClientAs(TestAccount.Admin).GetAsync("/api/exports/approved?tier=innovative&format=csv");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        bytes.Take(3).Should().Equal(0xEF, 0xBB, 0xBF);
        var rows = ReadCsv(bytes);
        rows[0].Should().Equal("统一社会信用代码", "企业名称", "所在地区", "称号", "批次", "认定日期", "有效期至", "状态");
        rows.Should().HaveCount(41);
        var names = rows.Skip(1).Select(r => r[1]).ToList();
        names.Should().Contain("'=HYPERLINK(\"http://evil.example\",\"点击\")")
            .And.Contain("'+86 电话科技有限公司").And.Contain("'-1+1 数字公司").And.Contain("'@SUM(A1:A9) 公司")
            .And.Contain("引号\"逗号,换行\n有限公司")
            .And.Contain("制表符公司", "names are trimmed when an enterprise registers, so a leading tab never reaches an export");
        names.Should().OnlyContain(n => n.Length == 0 || !"=+-@\t\r".Contains(n[0]));
        rows[1][2].Should().Be("浙江省 330106");
        rows[1][3].Should().Be("创新型中小企业");
        rows[1][5].Should().Be("2026-06-30");
        rows[1][6].Should().Be("2029-06-29");
    }

    [Fact]
    public async Task The_xlsx_holds_the_same_rows_as_inline_text_cells()
    {
        await Seed(25);

        var response = await _factory.CreateClientAs(TestAccount.Admin).GetAsync("/api/exports/approved?tier=innovative&format=xlsx");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var document = SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        var rows = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().ToList();
        rows.Should().HaveCount(26);
        var texts = rows.Select(r => r.Elements<Cell>().Select(c => c.InnerText).ToList()).ToList();
        texts[0].Should().StartWith("统一社会信用代码");
        texts.Skip(1).Select(t => t[1]).Should().Contain("'=HYPERLINK(\"http://evil.example\",\"点击\")");
    }

    [Fact]
    public async Task Filters_by_tier_and_region_prefix()
    {
        await Seed(5, "innovative", "330106");
        await Seed(3, "specialized", "440305", offset: 100);
        await Seed(2, "specialized", "330102", offset: 200);

        async Task<int> Count(string query) =>
            ReadCsv(await _factory.CreateClientAs(TestAccount.Admin).GetByteArrayAsync("/api/exports/approved?" + query)).Count - 1;

        (await Count("tier=specialized")).Should().Be(5);
        (await Count("tier=specialized&region=44")).Should().Be(3);
        (await Count("region=33")).Should().Be(7);
        (await Count("tier=innovative&year=2025")).Should().Be(0);
    }

    [Fact]
    public async Task Bad_filters_are_a_400_problem_naming_the_field()
    {
        var response = await _factory.CreateClientAs(TestAccount.Admin).GetAsync("/api/exports/approved?tier=champion");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("\"field\":\"tier\"");
    }

    [Fact]
    public async Task The_cli_exports_csv_and_xlsx_files_whose_row_counts_equal_the_database()
    {
        var folder = Path.Combine(Path.GetTempPath(), "cert-export-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var db = Path.Combine(folder, "cli.db");
        try
        {
            (await Run("workflows", "export", "innovative-certification", "--out", Path.Combine(folder, "x.json"), "--db", db)).Exit.Should().Be(2);
            var options = new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<CertificationDbContext>();
            new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={db}", "NORMAL").Configure(options);
            await using (var context = new CertificationDbContext(options.Options)) await TitleSeed.SeedAsync(context, 30);

            var csv = await Run("export", "approved", "--tier", "innovative", "--format", "csv", "--out", Path.Combine(folder, "a.csv"), "--db", db);
            var xlsx = await Run("export", "approved", "--tier", "innovative", "--format", "xlsx", "--out", Path.Combine(folder, "a.xlsx"), "--db", db);

            csv.Exit.Should().Be(0);
            xlsx.Exit.Should().Be(0);
            ReadCsv(await File.ReadAllBytesAsync(Path.Combine(folder, "a.csv"))).Should().HaveCount(31);
            using var document = SpreadsheetDocument.Open(Path.Combine(folder, "a.xlsx"), false);
            document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().Should().HaveCount(31);
            (await Run("export", "approved", "--tier", "innovative", "--format", "pdf", "--out", Path.Combine(folder, "a.pdf"), "--db", db)).Exit.Should().Be(2);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    public void Dispose() => _factory.Dispose();
}

public sealed class SpreadsheetTextTests
{
    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+86", "'+86")]
    [InlineData("-5", "'-5")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "'\rx")]
    [InlineData("浙江某某科技有限公司", "浙江某某科技有限公司")]
    [InlineData("a=b", "a=b")]
    [InlineData("", "")]
    public void Text_that_a_spreadsheet_would_run_as_a_formula_gets_a_leading_apostrophe(string text, string exported)
    {
        Certification.Workflows.Features.Exports.SpreadsheetText.Neutralise(text).Should().Be(exported);
    }
}
