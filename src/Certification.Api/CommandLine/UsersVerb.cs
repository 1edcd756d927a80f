using System.Text.Json;
using Certification.Api.Identity;
using Certification.Domain.Criteria.Profiles;
using Certification.Workflows.Access;
using Certification.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Certification.Api.CommandLine;

/// <summary>
/// <c>users create|list|disable …</c>: the operators' account management; <c>users create … --role admin</c> makes the
/// first administrator of a fresh install.
/// </summary>
public sealed class UsersVerb : ICliVerb
{
    public string Name => "users";
    public string Usage =>
        "users create --user NAME --password PASS --role enterprise|reviewer|expert|admin|regulator [--region CODE] [--stage preliminary|formal] [--enterprise CREDIT_CODE] [--expert EXPERT_ID] [--db PATH]\n" +
        "       Certification.Api users list [--db PATH]\n" +
        "       Certification.Api users disable --user NAME [--db PATH]";

    public Task<int> RunAsync(CliArguments args, CliContext context) =>
        args.Positionals.FirstOrDefault() switch
        {
            "create" => CreateAsync(args, context),
            "list" => ListAsync(args, context),
            "disable" => DisableAsync(args, context),
            null => throw new CliException("users needs a sub-command: create, list or disable"),
            var other => throw new CliException($"unknown sub-command 'users {other}': use create, list or disable"),
        };

    private static async Task<int> CreateAsync(CliArguments args, CliContext context)
    {
        var name = args.Required("user");
        var password = args.Required("password");
        var role = args.Required("role");
        var region = args.Option("region");
        var stage = args.Option("stage");
        var creditCode = args.Option("enterprise");
        var expertId = args.Option("expert");
        var db = args.Option("db");
        args.RejectUnknown();

        var scope = context.Scope(await context.ServicesAsync(db, migrate: true));
        var store = scope.GetRequiredService<CertificationDbContext>();
        string? enterpriseId = null;
        if (creditCode is not null)
        {
            var code = creditCode.Trim().ToUpperInvariant();
            if (!CreditCode.TryValidate(code, out var error)) throw new CliException($"--enterprise '{creditCode}': {error}");
            enterpriseId = await store.Enterprises.Where(e => e.CreditCode == code).Select(e => e.Id).FirstOrDefaultAsync()
                           ?? throw new CliException($"--enterprise: no enterprise is registered under {code}");
        }
        // An expert account binds to the expert record named, or to the one registered with this user name.
        if (expertId is null && role.Equals(Roles.Expert, StringComparison.OrdinalIgnoreCase))
            expertId = await store.Experts.Where(e => e.UserName == name).Select(e => e.Id).FirstOrDefaultAsync()
                       ?? throw new CliException($"--expert: give the expert's id, or register the expert with user name '{name}' first");

        var user = await scope.GetRequiredService<UserAccounts>().CreateAsync(new NewAccount(name, password, role, region, enterpriseId, expertId, stage));
        await context.Out.WriteLineAsync($"created {user.UserName} ({role.ToLowerInvariant()}{Describe(user.RegionPrefix, user.ReviewStage)})");
        return 0;
    }

    private static async Task<int> ListAsync(CliArguments args, CliContext context)
    {
        var db = args.Option("db");
        args.RejectUnknown();
        var scope = context.Scope(await context.ServicesAsync(db, migrate: true));
        var accounts = await scope.GetRequiredService<UserAccounts>().ListAsync();
        await context.Out.WriteLineAsync(JsonSerializer.Serialize(accounts, CliContext.OutputJson(JsonSerializerOptions.Web)));
        return 0;
    }

    /// <summary>Exit 1 when there is no such user.</summary>
    private static async Task<int> DisableAsync(CliArguments args, CliContext context)
    {
        var name = args.Positionals.ElementAtOrDefault(1) ?? args.Required("user");
        var db = args.Option("db");
        args.RejectUnknown();
        var scope = context.Scope(await context.ServicesAsync(db, migrate: true));
        if (!await scope.GetRequiredService<UserAccounts>().DisableAsync(name))
        {
            await context.Error.WriteLineAsync($"error: no user named {name}");
            return 1;
        }
        await context.Out.WriteLineAsync($"disabled {name}: it can no longer sign in, and its sessions and tokens have stopped working");
        return 0;
    }

    private static string Describe(string region, string? stage) =>
        (stage is null ? "" : $", {stage}") + (region.Length == 0 ? "" : $", region {region}");
}
