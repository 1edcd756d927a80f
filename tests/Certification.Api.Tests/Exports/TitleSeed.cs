using Certification.Domain.Criteria.Profiles;
using Certification.Domain.Enterprises;
using Certification.Domain.Titles;
using Certification.Workflows.Persistence;

namespace Certification.Api.Tests.Exports;

/// <summary>Enterprises holding titles, written straight to the database, with names that try to break exports.</summary>
public static class TitleSeed
{
    public static readonly string[] HostileNames =
    [
        "=HYPERLINK(\"http://evil.example\",\"点击\")", "+86 电话科技有限公司", "-1+1 数字公司", "@SUM(A1:A9) 公司",
        "\t制表符公司", "\r回车公司", "引号\"逗号,换行\n有限公司", new string('长', 150) + "名称股份有限公司",
    ];

    /// <summary>A valid 统一社会信用代码 for a sequence number (registration 9 / type 1, region 330106).</summary>
    public static string CreditCode(int n)
    {
        var first17 = $"91330106{n:D9}";
        return first17 + Certification.Domain.Criteria.Profiles.CreditCode.CheckCharacter(first17);
    }

    public static async Task<int> SeedAsync(CertificationDbContext db, int count, string tier = "innovative", string region = "330106", DateOnly? issuedOn = null, int offset = 0)
    {
        var now = DateTime.UtcNow;
        for (var i = 0; i < count; i++)
        {
            var n = offset + i;
            var name = n < HostileNames.Length ? HostileNames[n] : $"测试企业{n}有限公司";
            var enterprise = Enterprise.Register($"ent-{n}", CreditCode(n), name, region, null, null, null, now);
            db.Enterprises.Add(enterprise);
            db.Titles.Add(Title.Issue($"title-{n}", enterprise.Id, null, tier, $"T-{n:D8}", "miit-2022",
                issuedOn ?? new DateOnly(2026, 6, 30), 3, now));
        }
        await db.SaveChangesAsync();
        return count;
    }
}
