using Certification.Api.Tests.Identity;
using System.Net;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;

namespace Certification.Api.Tests.Lifecycle;

public sealed class IntakeDocumentTests : IDisposable
{
    private readonly IntakeApi _api = new();

    private async Task<string> DraftAsync(string tier = "innovative")
    {
        var enterpriseId = (string)(await _api.RegisterAsync())["id"]!;
        var batchId = (string)(await _api.CreateBatchAsync(tier))["id"]!;
        return (string)(await _api.CreateDraftAsync(enterpriseId, batchId))["id"]!;
    }

    [Fact]
    public async Task A_real_pdf_is_stored_with_its_hash_and_downloads_as_an_attachment()
    {
        var id = await DraftAsync();
        var pdf = IntakeApi.MinimalPdf();

        var response = await _api.UploadAsync(id, "business-license", pdf, "营业执照.pdf", declaredType: "text/html");

        var document = await IntakeApi.ExpectAsync(response, HttpStatusCode.Created);
        ((string?)document["contentType"]).Should().Be("application/pdf", "the type comes from the content, not from the client");
        ((string?)document["sha256"]).Should().Be(Convert.ToHexStringLower(SHA256.HashData(pdf)));
        document["size"]!.GetValue<long>().Should().Be(pdf.Length);
        ((string?)document["itemName"]).Should().Be("营业执照");
        var enterpriseId = (string)(await _api.GetAsync($"/api/applications/{id}"))["enterprise"]!["id"]!;
        ((string?)document["uploadedBy"]).Should().Be(TestAccount.Enterprise(enterpriseId).UserName, "the uploader is the signed-in account");

        var download = await _api.Client.GetAsync($"/api/applications/{id}/documents/{document["id"]}/content");
        download.StatusCode.Should().Be(HttpStatusCode.OK);
        (await download.Content.ReadAsByteArrayAsync()).Should().Equal(pdf);
        download.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        download.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        download.Content.Headers.ContentDisposition.FileNameStar.Should().Be("营业执照.pdf");
        download.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");

        var application = await _api.GetAsync($"/api/applications/{id}");
        application["checklist"]!.AsArray().Single(i => (string?)i!["item"] == "business-license")!["present"]!.GetValue<bool>().Should().BeTrue();
        application["documents"]!.AsArray().Should().ContainSingle();
        application["missingItems"]!.AsArray().Select(n => (string?)n).Should().NotContain("营业执照");
    }

    [Fact]
    public async Task A_png_and_office_documents_are_accepted_by_their_content()
    {
        var id = await DraftAsync();

        var png = await IntakeApi.ExpectAsync(await _api.UploadAsync(id, "ip-proof", IntakeApi.MinimalPng(), "专利证书.png"), HttpStatusCode.Created);
        var docx = await IntakeApi.ExpectAsync(await _api.UploadAsync(id, "财务报表", IntakeApi.OfficePackage("word/document.xml"), "说明.docx"),
            HttpStatusCode.Created);
        var xlsx = await IntakeApi.ExpectAsync(await _api.UploadAsync(id, "financial-statements", IntakeApi.OfficePackage("xl/workbook.xml"), "报表.xlsx"),
            HttpStatusCode.Created);
        var xls = await IntakeApi.ExpectAsync(await _api.UploadAsync(id, "financial-statements", IntakeApi.CompoundFile("Workbook"), "报表.xls"),
            HttpStatusCode.Created);
        var noExtension = await IntakeApi.ExpectAsync(await _api.UploadAsync(id, "other", IntakeApi.MinimalPng(), "scan"), HttpStatusCode.Created);

        ((string?)png["contentType"]).Should().Be("image/png");
        ((string?)docx["contentType"]).Should().Be("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        ((string?)docx["item"]).Should().Be("financial-statements", "an item may be named by its Chinese name too");
        ((string?)xlsx["contentType"]).Should().Be("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        ((string?)xls["contentType"]).Should().Be("application/vnd.ms-excel");
        ((string?)noExtension["fileName"]).Should().Be("scan.png");
    }

    [Fact]
    public async Task A_renamed_executable_posing_as_a_pdf_is_refused_by_sniffing()
    {
        var id = await DraftAsync();

        var problem = await IntakeApi.ProblemAsync(await _api.UploadAsync(id, "business-license", IntakeApi.FakeExe(), "营业执照.pdf"),
            HttpStatusCode.BadRequest);

        ((string?)problem["field"]).Should().Be("file");
        ((string?)problem["detail"]).Should().Contain("可执行程序");
        (await _api.GetAsync($"/api/applications/{id}"))["documents"]!.AsArray().Should().BeEmpty();
    }

    [Theory]
    [InlineData("zip")]
    [InlineData("macro-docx")]
    [InlineData("ole-other")]
    [InlineData("ole-macros")]
    [InlineData("html")]
    public async Task Other_content_is_refused_whatever_its_name(string kind)
    {
        var id = await DraftAsync();
        var (content, name) = kind switch
        {
            "zip" => (IntakeApi.OfficePackage("readme.txt", withContentTypes: false), "报表.docx"),
            "macro-docx" => (IntakeApi.OfficePackage("word/document.xml", withMacros: true), "报表.docx"),
            "ole-other" => (IntakeApi.CompoundFile("PowerPoint Document"), "报表.doc"),
            "ole-macros" => (IntakeApi.CompoundFile("WordDocument", "Macros"), "报表.doc"),
            _ => ("<html><script>alert(1)</script></html>"u8.ToArray(), "报表.pdf"),
        };

        var problem = await IntakeApi.ProblemAsync(await _api.UploadAsync(id, "financial-statements", content, name), HttpStatusCode.BadRequest);

        ((string?)problem["field"]).Should().Be("file");
    }

    [Fact]
    public async Task A_name_that_contradicts_the_content_is_refused()
    {
        var id = await DraftAsync();

        var problem = await IntakeApi.ProblemAsync(await _api.UploadAsync(id, "ip-proof", IntakeApi.MinimalPng(), "证书.pdf"), HttpStatusCode.BadRequest);

        ((string?)problem["field"]).Should().Be("file");
        ((string?)problem["detail"]).Should().Contain("PNG").And.Contain(".pdf");
    }

    [Fact]
    public async Task A_path_in_the_file_name_is_dropped()
    {
        var id = await DraftAsync();

        var document = await IntakeApi.ExpectAsync(
            await _api.UploadAsync(id, "business-license", IntakeApi.MinimalPdf(), "../../etc/营业执照.pdf"), HttpStatusCode.Created);

        ((string?)document["fileName"]).Should().Be("营业执照.pdf");
    }

    [Fact]
    public async Task An_unknown_item_is_a_400_naming_item_and_listing_the_known_ones()
    {
        var id = await DraftAsync();

        var problem = await IntakeApi.ProblemAsync(await _api.UploadAsync(id, "passport", IntakeApi.MinimalPdf(), "x.pdf"), HttpStatusCode.BadRequest);

        ((string?)problem["field"]).Should().Be("item");
        ((string?)problem["detail"]).Should().Contain("business-license");
    }

    [Fact]
    public async Task A_file_over_20_MB_is_refused()
    {
        var id = await DraftAsync();
        var big = new byte[20 * 1024 * 1024 + 1];
        IntakeApi.MinimalPdf().CopyTo(big, 0);

        var response = await _api.UploadAsync(id, "business-license", big, "big.pdf");

        response.StatusCode.Should().BeOneOf(HttpStatusCode.BadRequest, HttpStatusCode.RequestEntityTooLarge);
        if (response.StatusCode == HttpStatusCode.BadRequest)
            ((string?)(await IntakeApi.ProblemAsync(response, HttpStatusCode.BadRequest))["detail"]).Should().Contain("20 MB");
    }

    [Fact]
    public async Task An_upload_without_a_file_is_a_400_naming_file()
    {
        var id = await DraftAsync();
        var form = new MultipartFormDataContent { { new StringContent("business-license"), "item" } };

        var problem = await IntakeApi.ProblemAsync(await _api.Client.PostAsync($"/api/applications/{id}/documents", form), HttpStatusCode.BadRequest);

        ((string?)problem["field"]).Should().Be("file");
    }

    [Fact]
    public async Task The_same_content_is_stored_once()
    {
        var id = await DraftAsync();
        var pdf = IntakeApi.MinimalPdf("shared");

        await IntakeApi.ExpectAsync(await _api.UploadAsync(id, "business-license", pdf, "a.pdf"), HttpStatusCode.Created);
        await IntakeApi.ExpectAsync(await _api.UploadAsync(id, "other", pdf, "b.pdf"), HttpStatusCode.Created);

        var (documents, contents) = await _api.WithDbAsync(async (db, _) =>
            (await db.Documents.CountAsync(d => d.ApplicationId == id), await db.DocumentContents.CountAsync()));
        documents.Should().Be(2);
        contents.Should().Be(1);
    }

    [Fact]
    public async Task Documents_uploaded_to_one_draft_at_the_same_time_are_all_stored()
    {
        var id = await DraftAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            _api.UploadAsync(id, "other", IntakeApi.MinimalPdf($"parallel-{i}"), $"附件{i}.pdf")));

        responses.Select(r => r.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.Created, "changes of one dossier queue; none is refused");
        (await _api.GetAsync($"/api/applications/{id}"))["documents"]!.AsArray().Should().HaveCount(6);
    }

    [Fact]
    public async Task A_draft_document_can_be_deleted()
    {
        var id = await DraftAsync();
        var document = await IntakeApi.ExpectAsync(await _api.UploadAsync(id, "business-license", IntakeApi.MinimalPdf(), "a.pdf"), HttpStatusCode.Created);

        (await _api.Client.DeleteAsync($"/api/applications/{id}/documents/{document["id"]}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await _api.GetAsync($"/api/applications/{id}"))["documents"]!.AsArray().Should().BeEmpty();
        await IntakeApi.ProblemAsync(await _api.Client.GetAsync($"/api/applications/{id}/documents/{document["id"]}/content"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_document_of_another_application_is_not_found_through_this_one()
    {
        var first = await DraftAsync();
        var second = await DraftAsync();
        var document = await IntakeApi.ExpectAsync(await _api.UploadAsync(first, "business-license", IntakeApi.MinimalPdf(), "a.pdf"), HttpStatusCode.Created);

        await IntakeApi.ProblemAsync(await _api.Client.GetAsync($"/api/applications/{second}/documents/{document["id"]}/content"), HttpStatusCode.NotFound);
        await IntakeApi.ProblemAsync(await _api.Client.DeleteAsync($"/api/applications/{second}/documents/{document["id"]}"), HttpStatusCode.NotFound);
    }

    public void Dispose() => _api.Dispose();
}
