using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Certification.Api.Tests.Identity;
using Certification.Domain.Criteria.Profiles;
using Certification.Domain.Time;
using Certification.Workflows.Engine.Activities;
using Certification.Workflows.Engine.Simulation;
using Certification.Workflows.Persistence;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Certification.Api.Tests.Lifecycle;

/// <summary>
/// The real host (ApiFactory: its own SQLite file) with helpers for the intake tests.
/// The workflow's Certification.* activities need an <see cref="ICertificationHost"/>. The product's database-backed
/// host is being written on the review-flow branch; until it lands these tests register the engine's
/// <see cref="SimulationHost"/> (eligible, not sampled) so that a submission runs on to the next human step.
/// A test may pass its own host registration instead.
/// </summary>
public sealed class IntakeApi : IDisposable
{
    private readonly ApiFactory _root = new();
    private static int _sequence = Environment.ProcessId % 1000 * 1000;

    public IntakeApi(Action<IServiceCollection>? host = null)
    {
        Factory = _root.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            if (host is null) services.AddSingleton<ICertificationHost>(new SimulationHost());
            else host(services);
        }));
        Owners = new ResourceOwners(Factory);
        // Each call acts as the account whose business it is (the enterprise for its dossier, the administrator for
        // registrations and batches): see ResourceOwners.
        Client = Factory.CreateClientAs(request => Owners.OfAsync(request));
    }

    public ResourceOwners Owners { get; }

    public WebApplicationFactory<Program> Factory { get; }
    public HttpClient Client { get; }

    public static DateOnly Today => ChinaTime.Today(TimeProvider.System);

    /// <summary>A valid 统一社会信用代码 (GB 32100 check digit computed), different on every call.</summary>
    public static string NewCreditCode(string region = "330106")
    {
        var serial = Interlocked.Increment(ref _sequence).ToString("D7");
        var first17 = "91" + region + "MA" + serial;
        return first17 + CreditCode.CheckCharacter(first17);
    }

    /// <summary>The profile of CRITERIA.md: eligible for innovative (high-tech enterprise) and specialized (score).</summary>
    public static JsonObject SampleProfile() => (JsonObject)JsonNode.Parse("""
        {
          "isSme": true, "independentLegalPerson": true,
          "compliance": { "abnormalOperationList": false, "seriousDishonestyList": false,
                          "prohibitedProducts": false, "majorIncidentLast3Years": false },
          "financials": [
            { "year": 2025, "operatingRevenue": 15000, "mainBusinessRevenue": 13500, "rdExpense": 900,
              "netProfit": 1200, "totalAssets": 20000, "totalLiabilities": 9000 },
            { "year": 2024, "operatingRevenue": 13000, "mainBusinessRevenue": 11800, "rdExpense": 700,
              "netProfit": 1000, "totalAssets": 18000, "totalLiabilities": 8500 },
            { "year": 2023, "operatingRevenue": 11000, "mainBusinessRevenue": 10000, "rdExpense": 600,
              "netProfit": 800, "totalAssets": 16000, "totalLiabilities": 8000 } ],
          "equityFinancing": { "last2Years": 0, "last3Years": 0 },
          "nicheMarketYears": 6, "employees": 180, "rdStaff": 30,
          "ip": { "class1HighValue": 0, "class1SelfDeveloped": 3, "class1": 3, "class2": 8, "class1AppliedWithBenefit": 2 },
          "rdInstitution": "provincial", "digitalLevel": 2,
          "quality": { "qualityAwardLast3Years": false, "qualitySystemCertified": true, "ownBrand": true, "standardsParticipation": false },
          "productField": { "strategicEmerging": true, "specializedField": "six-foundations", "littleGiantKeyField": true },
          "awards": { "nationalRank": null, "provincialRank": 2 },
          "honors": { "highTechEnterprise": true, "nationalTechInnovationDemo": false, "ipAdvantageOrDemo": false },
          "makerChina": null,
          "littleGiant": { "nationalMarketShare": 12.0, "coreBusinessInfoSystem": true,
                           "managementOrProductCertification": true, "keyChainLink": true },
          "regionalFeatureScore": 10
        }
        """)!;

    // ---- files -------------------------------------------------------------------------------------------------

    public static byte[] MinimalPdf(string text = "intake") => Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n" +
        $"% {text}\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    /// <summary>A real 1×1 PNG.</summary>
    public static byte[] MinimalPng() => Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

    /// <summary>What a Windows executable starts with: "MZ", a DOS stub, "PE".</summary>
    public static byte[] FakeExe()
    {
        var bytes = new byte[256];
        bytes[0] = (byte)'M';
        bytes[1] = (byte)'Z';
        "This program cannot be run in DOS mode."u8.CopyTo(bytes.AsSpan(0x4E));
        bytes[0x80] = (byte)'P';
        bytes[0x81] = (byte)'E';
        return bytes;
    }

    /// <summary>A minimal Office Open XML package; <paramref name="mainPart"/> decides what it is (word/document.xml → docx).</summary>
    public static byte[] OfficePackage(string mainPart = "word/document.xml", bool withContentTypes = true, bool withMacros = false)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, string content)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), Encoding.UTF8);
                writer.Write(content);
            }
            if (withContentTypes)
                Add("[Content_Types].xml", """<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>""");
            Add("_rels/.rels", """<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>""");
            Add(mainPart, """<?xml version="1.0"?><document/>""");
            if (withMacros) Add("word/vbaProject.bin", "macro");
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// A minimal OLE compound file (512-byte sectors): sector 0 is the FAT, sector 1 the directory with a root entry and
    /// one entry per name (streams, or storages for names such as "Macros").
    /// </summary>
    public static byte[] CompoundFile(params string[] entries)
    {
        var data = new byte[512 * 3];
        byte[] magic = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        magic.CopyTo(data, 0);
        void U16(int at, int v) => BitConverter.GetBytes((ushort)v).CopyTo(data, at);
        void U32(int at, uint v) => BitConverter.GetBytes(v).CopyTo(data, at);
        U16(0x18, 0x3E);
        U16(0x1A, 3);
        U16(0x1C, 0xFFFE);
        U16(0x1E, 9);
        U16(0x20, 6);
        U32(0x2C, 1); // one FAT sector
        U32(0x30, 1); // directory starts at sector 1
        U32(0x38, 4096);
        U32(0x3C, 0xFFFFFFFE);
        U32(0x44, 0xFFFFFFFE);
        U32(0x4C, 0); // DIFAT[0]: the FAT is sector 0
        for (var i = 1; i < 109; i++) U32(0x4C + i * 4, 0xFFFFFFFF);
        var fat = 512;
        U32(fat, 0xFFFFFFFD); // sector 0: FAT
        U32(fat + 4, 0xFFFFFFFE); // sector 1: end of the directory chain
        for (var i = 2; i < 128; i++) U32(fat + i * 4, 0xFFFFFFFF);
        var names = new[] { "Root Entry" }.Concat(entries).Take(4).ToArray();
        for (var i = 0; i < names.Length; i++)
        {
            var at = 1024 + i * 128;
            var encoded = Encoding.Unicode.GetBytes(names[i]);
            encoded.CopyTo(data, at);
            U16(at + 0x40, encoded.Length + 2);
            data[at + 0x42] = (byte)(i == 0 ? 5 : names[i] is "Macros" or "_VBA_PROJECT_CUR" ? 1 : 2);
        }
        return data;
    }

    // ---- calls -------------------------------------------------------------------------------------------------

    public async Task<JsonNode> RegisterAsync(string regionCode = "330106", string? name = null)
    {
        var response = await Client.PostAsJsonAsync("/api/enterprises", new
        {
            creditCode = NewCreditCode(regionCode), name = name ?? $"测试精密机械有限公司{Guid.NewGuid():N}"[..20], regionCode,
            contactName = "张三", contactPhone = "0571-88888888", contactEmail = "zhang@example.cn",
        });
        return await ExpectAsync(response, HttpStatusCode.Created);
    }

    public async Task PutProfileAsync(string enterpriseId, JsonObject profile) =>
        await ExpectAsync(await Client.PutAsJsonAsync($"/api/enterprises/{enterpriseId}/profile", profile), HttpStatusCode.OK);

    public async Task<JsonNode> CreateBatchAsync(string tier = "innovative", string regionPrefix = "33", DateOnly? opensOn = null, DateOnly? closesOn = null)
    {
        var response = await Client.PostAsJsonAsync("/api/batches", new
        {
            name = $"{tier} 批次 {Guid.NewGuid():N}"[..24], tier, regionPrefix,
            opensOn = (opensOn ?? Today.AddDays(-10)).ToString("yyyy-MM-dd"),
            closesOn = (closesOn ?? Today.AddDays(30)).ToString("yyyy-MM-dd"),
        });
        return await ExpectAsync(response, HttpStatusCode.Created);
    }

    public async Task<JsonNode> CreateDraftAsync(string enterpriseId, string batchId) =>
        await ExpectAsync(await Client.PostAsJsonAsync("/api/applications", new { enterpriseId, batchId }), HttpStatusCode.Created);

    public Task<HttpResponseMessage> UploadAsync(string applicationId, string item, byte[] content, string fileName, string declaredType = "application/pdf")
    {
        var form = new MultipartFormDataContent();
        form.Add(new StringContent(item), "item");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(declaredType);
        form.Add(file, "file", fileName);
        return Client.PostAsync($"/api/applications/{applicationId}/documents", form);
    }

    /// <summary>Uploads a PDF for every required item of the application's checklist.</summary>
    public async Task UploadRequiredAsync(string applicationId)
    {
        var application = await GetAsync($"/api/applications/{applicationId}");
        foreach (var item in application["checklist"]!.AsArray().Where(i => i!["required"]!.GetValue<bool>()))
        {
            var code = (string)item!["item"]!;
            await ExpectAsync(await UploadAsync(applicationId, code, MinimalPdf(code), $"{item["name"]}.pdf"), HttpStatusCode.Created);
        }
    }

    /// <summary>Registers an enterprise with the sample profile, opens a batch and drafts a complete application.</summary>
    public async Task<(string EnterpriseId, string BatchId, string ApplicationId)> CompleteDraftAsync(string tier = "innovative", string? enterpriseId = null)
    {
        if (enterpriseId is null)
        {
            enterpriseId = (string)(await RegisterAsync())["id"]!;
            await PutProfileAsync(enterpriseId, SampleProfile());
        }
        var batchId = (string)(await CreateBatchAsync(tier))["id"]!;
        var applicationId = (string)(await CreateDraftAsync(enterpriseId, batchId))["id"]!;
        await UploadRequiredAsync(applicationId);
        return (enterpriseId, batchId, applicationId);
    }

    public Task<HttpResponseMessage> SubmitAsync(string applicationId) => Client.PostAsync($"/api/applications/{applicationId}/submit", null);

    public async Task<JsonNode> GetAsync(string path) => await ExpectAsync(await Client.GetAsync(path), HttpStatusCode.OK);

    public static async Task<JsonNode> ExpectAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, body);
        return JsonNode.Parse(body.Length == 0 ? "{}" : body)!;
    }

    /// <summary>A problem+json answer with the given status.</summary>
    public static async Task<JsonNode> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var problem = await ExpectAsync(response, status);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        return problem;
    }

    /// <summary>Runs <paramref name="work"/> with a DbContext of its own scope (seeding titles, bans, reading rows).</summary>
    public async Task<T> WithDbAsync<T>(Func<CertificationDbContext, IServiceProvider, Task<T>> work)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<CertificationDbContext>(), scope.ServiceProvider);
    }

    public Task WithDbAsync(Func<CertificationDbContext, Task> work) =>
        WithDbAsync<bool>(async (db, _) => { await work(db); return true; });

    public void Dispose()
    {
        Client.Dispose();
        _root.Dispose();
    }
}
