using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Certification.Domain.Titles;

namespace Certification.Api.Tests.Lifecycle;

public sealed class IntakeEnterpriseTests : IDisposable
{
    private readonly IntakeApi _api = new();

    [Fact]
    public async Task An_enterprise_registers_with_a_valid_credit_code_and_reads_back()
    {
        var code = IntakeApi.NewCreditCode();
        var response = await _api.Client.PostAsJsonAsync("/api/enterprises",
            new { creditCode = code.ToLowerInvariant(), name = " 杭州示例精密机械有限公司 ", regionCode = "330106", contactName = "李四" });

        var created = await IntakeApi.ExpectAsync(response, HttpStatusCode.Created);
        var id = (string)created["id"]!;
        response.Headers.Location!.ToString().Should().Be($"/api/enterprises/{id}");
        ((string?)created["creditCode"]).Should().Be(code, "codes are stored in upper case");
        ((string?)created["name"]).Should().Be("杭州示例精密机械有限公司");
        ((string?)created["contactName"]).Should().Be("李四");

        var read = await _api.GetAsync($"/api/enterprises/{id}");
        ((string?)read["creditCode"]).Should().Be(code);
        ((string?)read["regionCode"]).Should().Be("330106");
        var found = await _api.GetAsync($"/api/enterprises?creditCode={code}");
        found.AsArray().Select(e => (string?)e!["id"]).Should().Equal(id);
    }

    [Fact]
    public async Task A_wrong_check_digit_is_a_400_naming_creditCode_and_the_expected_digit()
    {
        var code = IntakeApi.NewCreditCode();
        var wrong = code[..17] + (code[17] == '0' ? '1' : '0');

        var problem = await IntakeApi.ProblemAsync(
            await _api.Client.PostAsJsonAsync("/api/enterprises", new { creditCode = wrong, name = "某公司", regionCode = "330106" }),
            HttpStatusCode.BadRequest);

        ((string?)problem["field"]).Should().Be("creditCode");
        ((string?)problem["detail"]).Should().Contain("校验码").And.Contain($"“{code[17]}”");
    }

    [Theory]
    [InlineData("91330106MA2B12345")] // 17 characters
    [InlineData("91330106MA2B1234I5")] // I is not in the alphabet
    [InlineData("")]
    public async Task A_malformed_credit_code_is_a_400_naming_creditCode(string code)
    {
        var problem = await IntakeApi.ProblemAsync(
            await _api.Client.PostAsJsonAsync("/api/enterprises", new { creditCode = code, name = "某公司", regionCode = "330106" }),
            HttpStatusCode.BadRequest);
        ((string?)problem["field"]).Should().Be("creditCode");
    }

    [Fact]
    public async Task Registering_the_same_credit_code_twice_is_a_409()
    {
        var code = IntakeApi.NewCreditCode();
        await IntakeApi.ExpectAsync(await _api.Client.PostAsJsonAsync("/api/enterprises", new { creditCode = code, name = "甲公司", regionCode = "330106" }),
            HttpStatusCode.Created);

        var problem = await IntakeApi.ProblemAsync(
            await _api.Client.PostAsJsonAsync("/api/enterprises", new { creditCode = code, name = "乙公司", regionCode = "330106" }),
            HttpStatusCode.Conflict);
        ((string?)problem["detail"]).Should().Contain(code).And.Contain("甲公司");
    }

    [Fact]
    public async Task Missing_name_and_a_bad_region_are_reported_together()
    {
        var problem = await IntakeApi.ProblemAsync(
            await _api.Client.PostAsJsonAsync("/api/enterprises", new { creditCode = IntakeApi.NewCreditCode(), regionCode = "990101" }),
            HttpStatusCode.BadRequest);
        problem["errors"]!.AsArray().Select(e => (string?)e!["field"]).Should().BeEquivalentTo("name", "regionCode");
    }

    [Fact]
    public async Task A_malformed_registration_body_is_a_400_problem_naming_the_field()
    {
        var response = await _api.Client.PostAsync("/api/enterprises",
            new StringContent("""{"creditCode": 91330106, "name": "某公司", "regionCode": "330106"}""", Encoding.UTF8, "application/json"));

        var problem = await IntakeApi.ProblemAsync(response, HttpStatusCode.BadRequest);
        ((string?)problem["field"]).Should().Be("creditCode");
    }

    [Fact]
    public async Task The_profile_round_trips_and_identity_fields_come_from_the_enterprise()
    {
        var enterprise = await _api.RegisterAsync();
        var id = (string)enterprise["id"]!;
        var profile = IntakeApi.SampleProfile();
        profile["creditCode"] = "91110000000000000X";
        profile["name"] = "别的名字";

        var saved = await IntakeApi.ExpectAsync(await _api.Client.PutAsJsonAsync($"/api/enterprises/{id}/profile", profile), HttpStatusCode.OK);
        var read = await _api.GetAsync($"/api/enterprises/{id}/profile");

        foreach (var body in new[] { saved, read })
        {
            ((string?)body["creditCode"]).Should().Be((string?)enterprise["creditCode"]);
            ((string?)body["name"]).Should().Be((string?)enterprise["name"]);
            ((string?)body["regionCode"]).Should().Be("330106");
            body["financials"]!.AsArray().Should().HaveCount(3);
            body["financials"]![0]!["operatingRevenue"]!.GetValue<decimal>().Should().Be(15000m);
            ((string?)body["rdInstitution"]).Should().Be("provincial");
            body["honors"]!["highTechEnterprise"]!.GetValue<bool>().Should().BeTrue();
        }
        (await _api.GetAsync($"/api/enterprises/{id}"))["revision"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public async Task An_impossible_profile_value_is_a_400_naming_its_path_in_the_body()
    {
        var id = (string)(await _api.RegisterAsync())["id"]!;
        var profile = IntakeApi.SampleProfile();
        profile["financials"]![1]!["rdExpense"] = -5;

        var problem = await IntakeApi.ProblemAsync(await _api.Client.PutAsJsonAsync($"/api/enterprises/{id}/profile", profile), HttpStatusCode.BadRequest);

        ((string?)problem["field"]).Should().Be("financials[1].rdExpense");
    }

    [Fact]
    public async Task A_malformed_profile_body_is_a_400_problem_naming_the_field()
    {
        var id = (string)(await _api.RegisterAsync())["id"]!;

        var response = await _api.Client.PutAsync($"/api/enterprises/{id}/profile",
            new StringContent("""{"financials":[{"year":"twenty"}]}""", Encoding.UTF8, "application/json"));

        var problem = await IntakeApi.ProblemAsync(response, HttpStatusCode.BadRequest);
        ((string?)problem["field"]).Should().Be("financials[0].year");
    }

    [Fact]
    public async Task An_unknown_enterprise_is_a_404()
    {
        await IntakeApi.ProblemAsync(await _api.Client.GetAsync("/api/enterprises/nope"), HttpStatusCode.NotFound);
        await IntakeApi.ProblemAsync(await _api.Client.PutAsJsonAsync("/api/enterprises/nope/profile", new JsonObject()), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Titles_of_the_register_are_listed_with_whether_they_count_today()
    {
        var id = (string)(await _api.RegisterAsync())["id"]!;
        var today = IntakeApi.Today;
        await _api.WithDbAsync(async db =>
        {
            db.Titles.Add(Title.Issue(Guid.NewGuid().ToString(), id, null, "innovative", $"CX-{Guid.NewGuid():N}"[..20], "miit-2022",
                today.AddYears(-1), 3, DateTime.UtcNow));
            db.Titles.Add(Title.Issue(Guid.NewGuid().ToString(), id, null, "innovative", $"CX-{Guid.NewGuid():N}"[..20], "miit-2022",
                today.AddYears(-5), 3, DateTime.UtcNow));
            await db.SaveChangesAsync();
        });

        var titles = (await _api.GetAsync($"/api/enterprises/{id}/titles")).AsArray();

        titles.Should().HaveCount(2);
        titles[0]!["validToday"]!.GetValue<bool>().Should().BeTrue();
        ((string?)titles[0]!["tierName"]).Should().Be("创新型中小企业");
        titles[1]!["validToday"]!.GetValue<bool>().Should().BeFalse("the older title expired two years ago");
    }

    public void Dispose() => _api.Dispose();
}
