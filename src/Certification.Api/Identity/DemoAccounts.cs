using Certification.Domain.Criteria.Profiles;
using Certification.Workflows.Access;
using Certification.Workflows.Features.Demo;
using Certification.Workflows.Features.Enterprises;
using Certification.Workflows.Features.Experts;
using Certification.Workflows.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Certification.Api.Identity;

/// <summary>A demo account and the password it has until the host stops.</summary>
public sealed record DemoAccount(string UserName, string Password, string Role, string Scope);

/// <summary>
/// Development only: one account per role (and two regulators: national and one province), with fresh random
/// passwords at every start, printed in the start banner; never fixed in code, never outside Development. The demo
/// enterprise and expert they act as are registered when absent. Demo data (<c>seed demo</c>) can call
/// <see cref="EnsureAsync"/> to get the same accounts.
/// </summary>
public static class DemoAccounts
{
    public const string EnterpriseName = "演示精密机械有限公司";
    public const string ExpertUserName = "demo-expert";

    /// <summary>The demo enterprise's 统一社会信用代码 (check character computed).</summary>
    public static string EnterpriseCreditCode => "91330106MA2C00001" + CreditCode.CheckCharacter("91330106MA2C00001");

    /// <summary>The accounts of the last start (empty outside Development).</summary>
    public static IReadOnlyList<DemoAccount> Current { get; private set; } = [];

    /// <param name="services">A scope's services (running as <see cref="Caller.System"/>).</param>
    public static async Task<IReadOnlyList<DemoAccount>> EnsureAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var mediator = services.GetRequiredService<IMediator>();
        var db = services.GetRequiredService<CertificationDbContext>();
        var accounts = services.GetRequiredService<UserAccounts>();

        var code = EnterpriseCreditCode;
        var enterpriseId = await db.Enterprises.Where(e => e.CreditCode == code).Select(e => e.Id).FirstOrDefaultAsync(ct)
                           ?? (await mediator.Send(new RegisterEnterprise(code, EnterpriseName, "330106", "演示联系人", "0571-88000000", null), ct)).Id;
        var expertId = await db.Experts.Where(e => e.UserName == ExpertUserName).Select(e => e.Id).FirstOrDefaultAsync(ct)
                       ?? (await mediator.Send(new RegisterExpert("演示专家", "330100", ["智能制造", "新材料"], null, [], ExpertUserName), ct)).Id;

        var wanted = new (NewAccount Spec, string Scope)[]
        {
            (new("demo-enterprise", null, Roles.Enterprise, EnterpriseId: enterpriseId), $"{EnterpriseName}（{code}）"),
            (new("demo-preliminary", null, Roles.Reviewer, "3301", ReviewStage: Roles.Stages.Preliminary), "初审（推荐），杭州市 3301"),
            (new("demo-formal", null, Roles.Reviewer, "33", ReviewStage: Roles.Stages.Formal), "审核，浙江省 33"),
            (new(ExpertUserName, null, Roles.Expert, ExpertId: expertId), "专家库：演示专家"),
            (new("demo-admin", null, Roles.Admin), "系统管理"),
            (new("demo-ministry", null, Roles.Regulator), "监管（只读），全国"),
            (new("demo-province", null, Roles.Regulator, "33"), "监管（只读），浙江省 33"),
        };
        var result = new List<DemoAccount>();
        foreach (var (spec, scope) in wanted)
        {
            var password = UserAccounts.GeneratePassword();
            await accounts.EnsureAsync(spec with { Password = password }, ct);
            result.Add(new DemoAccount(spec.UserName!, password, spec.Role!, scope));
        }
        // Something to do for them in demo data: a draft to complete, a seat on an open panel.
        await DemoWork.EnsureDraftAsync(services, enterpriseId, ct);
        await DemoWork.EnsureSeatAsync(services, expertId, ct);
        Current = result;
        return result;
    }
}
