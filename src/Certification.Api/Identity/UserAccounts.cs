using System.Security.Cryptography;
using Certification.Workflows.Access;
using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Certification.Api.Identity;

/// <summary>What an account is bound to; which fields apply depends on the role (see <see cref="UserAccounts.CreateAsync"/>).</summary>
public sealed record NewAccount(
    string? UserName,
    string? Password,
    string? Role,
    string? RegionPrefix = null,
    string? EnterpriseId = null,
    string? ExpertId = null,
    string? ReviewStage = null);

public sealed record AccountView(string UserName, string Role, string RegionPrefix, string? EnterpriseId, string? ExpertId, string? ReviewStage,
    bool Disabled, bool LockedOut);

/// <summary>
/// Creating, listing and disabling accounts (the CLI's <c>users</c> verb, the demo accounts, tests). An account has
/// exactly one role and the scope that role needs: an enterprise account its enterprise, a reviewer its stage and
/// region (empty: national), a regulator its region (empty: national, the ministry), an expert its expert record.
/// </summary>
public sealed class UserAccounts(
    UserManager<CertificationUser> users, RoleManager<IdentityRole> roles, CertificationDbContext db, IdentityStore store, TimeProvider clock)
{
    /// <summary>Creates the five roles on a fresh database.</summary>
    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role))
                Check(await roles.CreateAsync(new IdentityRole(role)), "role");
    }

    /// <summary>Creates the account; bad input is a <see cref="RequestValidationException"/> naming the field. A null password makes an account that cannot sign in with one.</summary>
    public async Task<CertificationUser> CreateAsync(NewAccount spec, CancellationToken ct = default)
    {
        var user = await ValidateAsync(spec, ct);
        await EnsureRolesAsync();
        if (await users.FindByNameAsync(user.UserName!) is not null)
            throw new ConflictException($"用户名 {user.UserName} 已存在");
        if (spec.Password is not null)
        {
            foreach (var validator in users.PasswordValidators)
                Check(await validator.ValidateAsync(users, user, spec.Password), "password");
        }
        Check(spec.Password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, spec.Password), "userName");
        Check(await users.AddToRoleAsync(user, spec.Role!), "role");
        return user;
    }

    /// <summary>Brings an existing account to the given role and scope (demo accounts, tests), creating it when absent.</summary>
    public async Task<CertificationUser> EnsureAsync(NewAccount spec, CancellationToken ct = default)
    {
        var wanted = await ValidateAsync(spec, ct);
        var user = await users.FindByNameAsync(wanted.UserName!);
        if (user is null) return await CreateAsync(spec, ct);
        user.RegionPrefix = wanted.RegionPrefix;
        user.EnterpriseId = wanted.EnterpriseId;
        user.ExpertId = wanted.ExpertId;
        user.ReviewStage = wanted.ReviewStage;
        user.Disabled = false;
        Check(await users.UpdateAsync(user), "userName");
        var current = await users.GetRolesAsync(user);
        if (!current.SequenceEqual([spec.Role!]))
        {
            await EnsureRolesAsync();
            if (current.Count > 0) Check(await users.RemoveFromRolesAsync(user, current), "role");
            Check(await users.AddToRoleAsync(user, spec.Role!), "role");
        }
        if (spec.Password is not null)
        {
            if (await users.HasPasswordAsync(user)) Check(await users.RemovePasswordAsync(user), "password");
            Check(await users.AddPasswordAsync(user, spec.Password), "password");
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
        }
        return user;
    }

    /// <summary>
    /// One page of the accounts by user name, cut in the database (with each account's role in the same query);
    /// <paramref name="filter"/>: a role's code, or part of the user name (either case). The page is clamped to those that exist.
    /// </summary>
    public async Task<(int Page, int Total, IReadOnlyList<AccountView> Items)> PageAsync(string? filter, int page, int pageSize, CancellationToken ct = default)
    {
        var rows =
            from u in store.Users.AsNoTracking()
            select new
            {
                User = u,
                Role = (from ur in store.UserRoles join r in store.Roles on ur.RoleId equals r.Id where ur.UserId == u.Id select r.Name)
                    .OrderBy(n => n).FirstOrDefault(),
            };
        if (!string.IsNullOrWhiteSpace(filter))
        {
            var text = filter.Trim();
            // Normalized names are upper case: a case-blind match on SQLite and PostgreSQL alike; LIKE's wildcards in the text are literal.
            var pattern = "%" + text.ToUpperInvariant().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            rows = rows.Where(x => x.Role == text || EF.Functions.Like(x.User.NormalizedUserName!, pattern, "\\"));
        }
        var total = await rows.CountAsync(ct);
        var count = Math.Max(1, (total + pageSize - 1) / pageSize);
        page = Math.Clamp(page, 1, count);
        var found = await rows.OrderBy(x => x.User.UserName).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return (page, total, found.Select(x => View(x.User, x.Role ?? "", now)).ToList());
    }

    public async Task<IReadOnlyList<AccountView>> ListAsync(CancellationToken ct = default)
    {
        var all = await users.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var list = new List<AccountView>(all.Count);
        foreach (var user in all)
        {
            var role = (await users.GetRolesAsync(user)).FirstOrDefault() ?? "";
            list.Add(View(user, role, now));
        }
        return list;
    }

    private static AccountView View(CertificationUser user, string role, DateTimeOffset now) =>
        new(user.UserName!, role, user.RegionPrefix, user.EnterpriseId, user.ExpertId, user.ReviewStage, user.Disabled,
            user.LockoutEnd is { } end && end > now);

    /// <summary>Disables the account: it can no longer sign in, and its cookies and tokens stop working (new security stamp).</summary>
    public async Task<bool> DisableAsync(string userName)
    {
        var user = await users.FindByNameAsync(userName);
        if (user is null) return false;
        user.Disabled = true;
        Check(await users.UpdateAsync(user), "userName");
        Check(await users.UpdateSecurityStampAsync(user), "userName");
        return true;
    }

    /// <summary>A random password that meets the policy (for demo accounts).</summary>
    public static string GeneratePassword()
    {
        const string lower = "abcdefghijkmnpqrstuvwxyz", upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", digits = "23456789";
        const string all = lower + upper + digits;
        var chars = new char[16];
        for (var i = 0; i < chars.Length; i++) chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        chars[RandomNumberGenerator.GetInt32(5)] = lower[RandomNumberGenerator.GetInt32(lower.Length)];
        chars[5 + RandomNumberGenerator.GetInt32(5)] = upper[RandomNumberGenerator.GetInt32(upper.Length)];
        chars[10 + RandomNumberGenerator.GetInt32(6)] = digits[RandomNumberGenerator.GetInt32(digits.Length)];
        return new string(chars);
    }

    private async Task<CertificationUser> ValidateAsync(NewAccount spec, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var name = spec.UserName?.Trim() ?? "";
        if (name.Length is 0 or > 100) errors.Add(new FieldError("userName", "用户名必填，不超过 100 个字符"));
        var role = spec.Role?.Trim().ToLowerInvariant() ?? "";
        if (!Roles.All.Contains(role)) errors.Add(new FieldError("role", $"角色须为 {string.Join("、", Roles.All)} 之一"));
        var region = spec.RegionPrefix?.Trim() ?? "";
        if (region.Length > 0 && (region.Length is not (2 or 4 or 6) || !region.All(char.IsAsciiDigit)))
            errors.Add(new FieldError("region", "地区须为 2 位（省）、4 位（市）或 6 位（县）行政区划代码；不填为全国"));
        if (region.Length > 0 && role is not (Roles.Reviewer or Roles.Regulator))
            errors.Add(new FieldError("region", "只有审核人员和监管账号有地区范围"));
        var stage = spec.ReviewStage?.Trim().ToLowerInvariant();
        if (role == Roles.Reviewer && !Roles.Stages.All.Contains(stage ?? ""))
            errors.Add(new FieldError("stage", $"审核人员须指定环节：{string.Join("、", Roles.Stages.All)}"));
        if (role != Roles.Reviewer && stage is { Length: > 0 })
            errors.Add(new FieldError("stage", "只有审核人员有审核环节"));
        if (role == Roles.Enterprise)
        {
            if (string.IsNullOrWhiteSpace(spec.EnterpriseId)) errors.Add(new FieldError("enterprise", "企业账号须绑定一家企业"));
            else if (!await db.Enterprises.AnyAsync(e => e.Id == spec.EnterpriseId, ct)) errors.Add(new FieldError("enterprise", $"企业 {spec.EnterpriseId} 不存在"));
        }
        else if (spec.EnterpriseId is not null) errors.Add(new FieldError("enterprise", "只有企业账号绑定企业"));
        if (role == Roles.Expert)
        {
            if (string.IsNullOrWhiteSpace(spec.ExpertId)) errors.Add(new FieldError("expert", "专家账号须绑定专家库中的一位专家"));
            else if (!await db.Experts.AnyAsync(e => e.Id == spec.ExpertId, ct)) errors.Add(new FieldError("expert", $"专家 {spec.ExpertId} 不存在"));
        }
        else if (spec.ExpertId is not null) errors.Add(new FieldError("expert", "只有专家账号绑定专家"));
        if (errors.Count > 0) throw new RequestValidationException(errors);
        return new CertificationUser
        {
            UserName = name,
            RegionPrefix = region,
            EnterpriseId = role == Roles.Enterprise ? spec.EnterpriseId : null,
            ExpertId = role == Roles.Expert ? spec.ExpertId : null,
            ReviewStage = role == Roles.Reviewer ? stage : null,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
    }

    private static void Check(IdentityResult result, string field)
    {
        if (!result.Succeeded)
            throw new RequestValidationException(result.Errors.Select(e => new FieldError(field, e.Description)).ToList());
    }
}
