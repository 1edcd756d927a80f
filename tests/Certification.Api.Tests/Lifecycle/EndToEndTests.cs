using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Certification.Api.Tests.Lifecycle;

/// <summary>
/// The whole lifecycle through HTTP only, with the product's own certification host: register, profile, batch,
/// draft, documents, submit, a return and a resubmission, review, publicity on the working-day calendar, certificate.
/// </summary>
public sealed class EndToEndTests : IDisposable
{
    private readonly ReviewScenario _s = new();

    private async Task<string> Upload(string applicationId, string item)
    {
        var form = new MultipartFormDataContent { { new StringContent(item), "item" } };
        var file = new ByteArrayContent(IntakeApi.MinimalPdf(item));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", item + ".pdf");
        var response = await _s.Client.PostAsync($"/api/applications/{applicationId}/documents", form);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return item;
    }

    [Fact]
    public async Task An_innovative_application_goes_from_registration_to_certificate_with_a_return_on_the_way()
    {
        var today = DateOnly.FromDateTime(ReviewApiFactory.Start.Date);
        var enterprise = await _s.OkAsync(_s.PostAsync("/api/enterprises", new
        {
            creditCode = ReviewScenario.NewCreditCode(), name = "杭州端到端精密机械有限公司", regionCode = "330106", contactName = "李四",
        }), HttpStatusCode.Created);
        var enterpriseId = (string)enterprise["id"]!;
        await _s.OkAsync(_s.SendAsync(HttpMethod.Put, $"/api/enterprises/{enterpriseId}/profile", IntakeApi.SampleProfile()));
        var batch = await _s.OkAsync(_s.PostAsync("/api/batches", new
        {
            name = "2026年浙江省创新型中小企业第一批", tier = "innovative", regionPrefix = "33",
            opensOn = today.AddDays(-1).ToString("yyyy-MM-dd"), closesOn = today.AddDays(30).ToString("yyyy-MM-dd"), spotCheckShare = 0m,
        }), HttpStatusCode.Created);
        var application = await _s.OkAsync(_s.PostAsync("/api/applications", new { enterpriseId, batchId = (string)batch["id"]! }), HttpStatusCode.Created);
        var applicationId = (string)application["id"]!;
        foreach (var item in application["checklist"]!.AsArray().Where(i => (bool)i!["required"]!))
            await Upload(applicationId, (string)item!["item"]!);

        var submitted = await _s.OkAsync(_s.PostAsync($"/api/applications/{applicationId}/submit", null, actor: "enterprise-user"));
        ((bool)submitted["evaluation"]!["eligible"]!).Should().BeTrue();

        await _s.CompleteAsync(applicationId, "Certification.PreliminaryReview", "Recommended");
        await _s.CompleteAsync(applicationId, "Certification.FormalReview", "Returned", "请补充近三年研发费用专项审计报告");
        ((string?)(await _s.OkAsync(_s.GetAsync($"/api/applications/{applicationId}")))["status"]).Should().Be("Returned");

        await _s.OkAsync(_s.PostAsync($"/api/applications/{applicationId}/submit", null, actor: "enterprise-user"));
        await _s.CompleteAsync(applicationId, "Certification.PreliminaryReview", "Recommended");
        await _s.CompleteAsync(applicationId, "Certification.FormalReview", "Passed");

        var inPublicity = await _s.OkAsync(_s.GetAsync($"/api/public/publicity?batchId={batch["id"]}"));
        inPublicity.AsArray().Should().ContainSingle();

        await _s.AdvanceToAsync(ReviewApiFactory.Start.AddDays(30));

        var final = await _s.OkAsync(_s.GetAsync($"/api/applications/{applicationId}"));
        ((string?)final["status"]).Should().Be("Certified");
        ((int)final["currentVersion"]!).Should().Be(2);
        var titles = (await _s.OkAsync(_s.GetAsync($"/api/enterprises/{enterpriseId}/titles"))).AsArray();
        titles.Should().ContainSingle();
        ((string?)titles[0]!["tier"]).Should().Be("innovative");
        ((string?)titles[0]!["certificateNumber"]).Should().NotBeNullOrEmpty();
        var timeline = await _s.OkAsync(_s.GetAsync($"/api/applications/{applicationId}/timeline"));
        timeline["entries"]!.AsArray().Select(e => (string?)e!["reason"]).Should().Contain("请补充近三年研发费用专项审计报告");
        timeline["entries"]!.AsArray().Select(e => (string?)e!["outcome"]).Should().EndWith(["Clear", "Done", "Finished"]);
    }

    public void Dispose() => _s.Dispose();
}
