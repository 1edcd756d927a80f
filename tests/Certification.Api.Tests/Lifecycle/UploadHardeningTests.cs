using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Certification.Api.Tests.Lifecycle;

/// <summary>
/// Uploaded files: typed by content, never by name; the client's name is display text only (never a path, never a
/// header injection); stored by content hash; always served as a download that the browser may not re-type.
/// </summary>
public sealed class UploadHardeningTests : IDisposable
{
    private readonly IntakeApi _api = new();

    private async Task<string> DraftAsync()
    {
        var enterpriseId = (string)(await _api.RegisterAsync())["id"]!;
        var batchId = (string)(await _api.CreateBatchAsync())["id"]!;
        return (string)(await _api.CreateDraftAsync(enterpriseId, batchId))["id"]!;
    }

    /// <summary>A multipart body written byte for byte, so the file name reaches the server exactly as a hostile client sends it.</summary>
    private Task<HttpResponseMessage> RawUploadAsync(string applicationId, string rawFileName, byte[] content)
    {
        const string boundary = "----cert-boundary-7f3a";
        var body = new MemoryStream();
        void Write(string text) => body.Write(Encoding.UTF8.GetBytes(text));
        Write($"--{boundary}\r\nContent-Disposition: form-data; name=\"item\"\r\n\r\nbusiness-license\r\n");
        Write($"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{rawFileName}\"\r\nContent-Type: application/pdf\r\n\r\n");
        body.Write(content);
        Write($"\r\n--{boundary}--\r\n");
        var request = new ByteArrayContent(body.ToArray());
        request.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={boundary}");
        return _api.Client.PostAsync($"/api/applications/{applicationId}/documents", request);
    }

    private async Task<HttpResponseMessage> DownloadAsync(string applicationId, string documentId)
    {
        var download = await _api.Client.GetAsync($"/api/applications/{applicationId}/documents/{documentId}/content");
        download.StatusCode.Should().Be(HttpStatusCode.OK);
        return download;
    }

    [Theory]
    [InlineData("../../etc/passwd", "passwd.pdf")]
    [InlineData("..\\\\..\\\\Windows\\\\System32\\\\营业执照.pdf", "营业执照.pdf")]
    [InlineData("/var/lib/certification/data.pdf", "data.pdf")]
    [InlineData("..", "file.pdf")]
    public async Task A_path_in_the_name_is_reduced_to_its_last_segment_and_never_reaches_the_file_system(string sent, string kept)
    {
        var id = await DraftAsync();
        var pdf = IntakeApi.MinimalPdf(sent);

        var document = await IntakeApi.ExpectAsync(await RawUploadAsync(id, sent, pdf), HttpStatusCode.Created);

        ((string?)document["fileName"]).Should().Be(kept);
        var stored = await _api.WithDbAsync((db, _) => db.DocumentContents.AsNoTracking().SingleAsync(c => c.Sha256 == (string)document["sha256"]!));
        stored.Bytes.Should().Equal(pdf, "the content is kept in the database under its SHA-256, not in a file named by the client");
        var download = await DownloadAsync(id, (string)document["id"]!);
        download.Content.Headers.ContentDisposition!.FileNameStar.Should().Be(kept);
    }

    [Fact]
    public async Task Control_characters_and_quotes_in_the_name_cannot_inject_headers()
    {
        var id = await DraftAsync();

        var document = await IntakeApi.ExpectAsync(
            await RawUploadAsync(id, "report\u0001\u0007\u001b.pdf", IntakeApi.MinimalPdf("ctl")), HttpStatusCode.Created);
        ((string?)document["fileName"]).Should().Be("report.pdf");

        var quoted = await IntakeApi.ExpectAsync(
            await RawUploadAsync(id, "a\\\";filename=evil.html;x=\\\".pdf", IntakeApi.MinimalPdf("quote")), HttpStatusCode.Created);
        var download = await DownloadAsync(id, (string)quoted["id"]!);
        var disposition = download.Content.Headers.ContentDisposition!;
        disposition.DispositionType.Should().Be("attachment");
        disposition.FileNameStar.Should().EndWith(".pdf").And.NotContain("/").And.NotContain("\\");
        download.Content.Headers.GetValues("Content-Disposition").Should().ContainSingle()
            .Which.Should().NotContain("\r").And.NotContain("\n").And.NotContainAny("filename=evil.html;", "filename=\"evil.html\"");
        download.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
    }

    [Theory]
    [InlineData("exe")]
    [InlineData("html")]
    [InlineData("svg")]
    [InlineData("script")]
    public async Task Content_that_is_not_a_document_is_refused_whatever_the_name_and_declared_type_say(string kind)
    {
        var id = await DraftAsync();
        var content = kind switch
        {
            "exe" => IntakeApi.FakeExe(),
            "html" => "<!DOCTYPE html><html><body onload=alert(1)>%PDF-</body></html>"u8.ToArray(),
            "svg" => "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"u8.ToArray(),
            _ => "#!/bin/sh\nrm -rf /\n"u8.ToArray(),
        };

        var problem = await IntakeApi.ProblemAsync(
            await _api.UploadAsync(id, "business-license", content, "营业执照.pdf", declaredType: "application/pdf"), HttpStatusCode.BadRequest);

        ((string?)problem["field"]).Should().Be("file");
        (await _api.WithDbAsync((db, _) => db.DocumentContents.CountAsync())).Should().Be(0, "nothing refused is stored");
    }

    [Fact]
    public async Task Every_download_is_an_attachment_with_nosniff_and_a_sandboxing_policy()
    {
        var id = await DraftAsync();
        var png = await IntakeApi.ExpectAsync(await _api.UploadAsync(id, "ip-proof", IntakeApi.MinimalPng(), "证书.png", declaredType: "text/html"),
            HttpStatusCode.Created);

        var download = await DownloadAsync(id, (string)png["id"]!);

        download.Content.Headers.ContentType!.MediaType.Should().Be("image/png", "the sniffed type is served, never the client's");
        download.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        download.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        download.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("default-src 'none'").And.Contain("sandbox");
    }

    [Fact]
    public async Task An_oversized_file_is_refused_with_a_problem_and_nothing_is_stored()
    {
        var id = await DraftAsync();
        var big = new byte[20 * 1024 * 1024 + 1];
        IntakeApi.MinimalPdf().CopyTo(big, 0);

        var response = await _api.UploadAsync(id, "business-license", big, "big.pdf");

        response.StatusCode.Should().BeOneOf(HttpStatusCode.BadRequest, HttpStatusCode.RequestEntityTooLarge);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await _api.WithDbAsync((db, _) => db.Documents.CountAsync())).Should().Be(0);
    }

    public void Dispose() => _api.Dispose();
}
