using System.Text.Json.Nodes;
using Certification.Domain.Enterprises;
using Certification.Workflows.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using static Certification.Api.Tests.CliRunner;

namespace Certification.Api.Tests.Identity;

/// <summary>The operators' <c>users</c> verb: the first administrator of a fresh install, scoped accounts, listing, disabling.</summary>
public sealed class UsersVerbTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cert-users-" + Guid.NewGuid().ToString("N"));
    private string Db => Path.Combine(_folder, "cli.db");

    public UsersVerbTests() => Directory.CreateDirectory(_folder);

    private async Task<JsonArray> ListAsync()
    {
        var (exit, output, error) = await Run("users", "list", "--db", Db);
        exit.Should().Be(0, error);
        return JsonNode.Parse(output)!.AsArray();
    }

    [Fact]
    public async Task The_first_administrator_is_created_on_a_fresh_database_and_listed()
    {
        var (exit, output, error) = await Run("users", "create", "--user", "root", "--password", "Initial2026pass", "--role", "admin", "--db", Db);
        exit.Should().Be(0, error);
        output.Should().Contain("created root");

        var account = (await ListAsync()).Should().ContainSingle().Subject!;
        ((string?)account["userName"]).Should().Be("root");
        ((string?)account["role"]).Should().Be("admin");
        ((bool)account["disabled"]!).Should().BeFalse();
        output.Should().NotContain("Initial2026pass");
    }

    [Theory]
    [InlineData("--role", "boss")]
    [InlineData("--password", "short")]
    [InlineData("--region", "3")]
    public async Task Bad_input_exits_2_naming_the_problem(string option, string value)
    {
        var args = new Dictionary<string, string> { ["--user"] = "someone", ["--password"] = "Initial2026pass", ["--role"] = "regulator" };
        args[option] = value;
        var (exit, _, error) = await Run(["users", "create", .. args.SelectMany(a => new[] { a.Key, a.Value }), "--db", Db]);
        exit.Should().Be(2);
        error.Should().StartWith("error:");
    }

    [Fact]
    public async Task Scoped_accounts_need_their_scope_and_an_enterprise_account_binds_by_credit_code()
    {
        (await Run("users", "create", "--user", "city", "--password", "Initial2026pass", "--role", "reviewer", "--region", "3301", "--db", Db)).Exit
            .Should().Be(2, "a reviewer needs its stage");
        (await Run("users", "create", "--user", "city", "--password", "Initial2026pass", "--role", "reviewer", "--region", "3301", "--stage", "preliminary", "--db", Db)).Exit
            .Should().Be(0);

        var first17 = "91330106MA2C99991";
        var code = first17 + Certification.Domain.Criteria.Profiles.CreditCode.CheckCharacter(first17);
        (await Run("users", "create", "--user", "firm", "--password", "Initial2026pass", "--role", "enterprise", "--enterprise", code, "--db", Db)).Exit
            .Should().Be(2, "no enterprise is registered under that code yet");
        var options = new DbContextOptionsBuilder<CertificationDbContext>();
        new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={Db}", "NORMAL").Configure(options);
        string enterpriseId;
        await using (var db = new CertificationDbContext(options.Options))
        {
            var enterprise = Enterprise.Register(Guid.NewGuid().ToString("D"), code, "绑定测试有限公司", "330106", null, null, null, DateTime.UtcNow);
            db.Enterprises.Add(enterprise);
            await db.SaveChangesAsync();
            enterpriseId = enterprise.Id;
        }
        (await Run("users", "create", "--user", "firm", "--password", "Initial2026pass", "--role", "enterprise", "--enterprise", code, "--db", Db)).Exit
            .Should().Be(0);
        (await Run("users", "create", "--user", "firm", "--password", "Initial2026pass", "--role", "admin", "--db", Db)).Exit
            .Should().Be(2, "the name is taken");

        var accounts = await ListAsync();
        var firm = accounts.Single(a => (string?)a!["userName"] == "firm")!;
        ((string?)firm["enterpriseId"]).Should().Be(enterpriseId);
        var city = accounts.Single(a => (string?)a!["userName"] == "city")!;
        ((string?)city["regionPrefix"]).Should().Be("3301");
        ((string?)city["reviewStage"]).Should().Be("preliminary");
    }

    [Fact]
    public async Task Disabling_marks_the_account_and_an_unknown_name_is_a_negative_answer()
    {
        (await Run("users", "create", "--user", "gone", "--password", "Initial2026pass", "--role", "regulator", "--db", Db)).Exit.Should().Be(0);
        (await Run("users", "disable", "--user", "gone", "--db", Db)).Exit.Should().Be(0);
        ((bool)(await ListAsync()).Single()!["disabled"]!).Should().BeTrue();
        (await Run("users", "disable", "--user", "nobody", "--db", Db)).Exit.Should().Be(1);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
