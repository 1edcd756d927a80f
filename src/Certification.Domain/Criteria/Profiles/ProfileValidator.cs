namespace Certification.Domain.Criteria.Profiles;

/// <summary>A value to refuse at an API boundary; <see cref="Field"/> is a path such as <c>financials[1].rdExpense</c>.</summary>
public sealed record ProfileError(string Field, string Message);

[Flags]
public enum ProfileChecks
{
    /// <summary>Ranges, consistency and formats (the credit code's shape, not its check digit).</summary>
    Ranges = 1,

    /// <summary>The credit code's GB 32100 check digit too; applied only when asked, as sample data often fails it.</summary>
    CreditCode = 2,

    Default = Ranges,
    All = Ranges | CreditCode,
}

/// <summary>
/// Refuses impossible input (negative amounts, out-of-range levels, ...). Missing data is not an error here:
/// evaluation handles it. Evaluation never depends on this validator having run.
/// </summary>
public static class ProfileValidator
{
    public const int FirstYear = 1949;
    public const int LastYear = 2100;
    public const decimal MaxRegionalFeatureScore = 15m;
    public const int MaxDigitalLevel = 4;

    public static IReadOnlyList<ProfileError> Validate(EnterpriseProfile profile, ProfileChecks checks = ProfileChecks.Default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var errors = new List<ProfileError>();
        if (checks.HasFlag(ProfileChecks.Ranges))
        {
            new RangeChecks(profile, errors).Run();
        }
        if (checks.HasFlag(ProfileChecks.CreditCode) && profile.CreditCode is { } code
            && !Profiles.CreditCode.TryValidate(code, out var error)
            && !errors.Any(e => e.Field == "creditCode"))
        {
            errors.Add(new ProfileError("creditCode", error));
        }
        return errors;
    }

    private sealed class RangeChecks(EnterpriseProfile profile, List<ProfileError> errors)
    {
        public void Run()
        {
            Identity();
            Financials();
            NotNegative("equityFinancing.last2Years", profile.EquityFinancing?.Last2Years);
            NotNegative("equityFinancing.last3Years", profile.EquityFinancing?.Last3Years);
            NotNegative("nicheMarketYears", profile.NicheMarketYears);
            NotNegative("employees", profile.Employees);
            NotNegative("rdStaff", profile.RdStaff);
            if (profile is { RdStaff: { } staff, Employees: { } employees } && staff > employees)
            {
                Add("rdStaff", $"研发人员数（{staff}）不能大于职工总数（{employees}）");
            }
            NotNegative("ip.class1HighValue", profile.Ip?.Class1HighValue);
            NotNegative("ip.class1SelfDeveloped", profile.Ip?.Class1SelfDeveloped);
            NotNegative("ip.class1", profile.Ip?.Class1);
            NotNegative("ip.class2", profile.Ip?.Class2);
            NotNegative("ip.class1AppliedWithBenefit", profile.Ip?.Class1AppliedWithBenefit);
            Within("digitalLevel", profile.DigitalLevel, 0, MaxDigitalLevel, "数字化水平");
            AtLeastOne("awards.nationalRank", profile.Awards?.NationalRank);
            AtLeastOne("awards.provincialRank", profile.Awards?.ProvincialRank);
            Within("littleGiant.nationalMarketShare", profile.LittleGiant?.NationalMarketShare, 0m, 100m, "全国市场占有率（%）");
            Within("regionalFeatureScore", profile.RegionalFeatureScore, 0m, MaxRegionalFeatureScore, "地方特色化指标得分");
            Defined("rdInstitution", profile.RdInstitution);
            Defined("productField.specializedField", profile.ProductField?.SpecializedField);
            Defined("makerChina", profile.MakerChina);
            Titles();
        }

        private void Identity()
        {
            if (profile.CreditCode is { } code && !CreditCode.TryValidateFormat(code, out var error))
            {
                Add("creditCode", error);
            }
            if (profile.RegionCode is { } region && !RegionCode.IsValid(region))
            {
                Add("regionCode", "行政区划代码必须是6位数字，且前两位为有效的省级代码");
            }
            if (profile.Name is { } name && string.IsNullOrWhiteSpace(name))
            {
                Add("name", "企业名称不能为空白");
            }
        }

        private void Financials()
        {
            var years = new HashSet<int>();
            var rows = profile.Financials ?? [];
            for (var i = 0; i < rows.Count; i++)
            {
                var path = $"financials[{i}]";
                if (rows[i] is not { } row)
                {
                    Add(path, "财务数据行不能为空");
                    continue;
                }
                if (row.Year is not { } year)
                {
                    Add($"{path}.year", "缺少年度");
                }
                else if (year is < FirstYear or > LastYear)
                {
                    Add($"{path}.year", $"年度必须在{FirstYear}至{LastYear}之间");
                }
                else if (!years.Add(year))
                {
                    Add($"{path}.year", $"{year}年度重复");
                }
                NotNegative($"{path}.operatingRevenue", row.OperatingRevenue);
                NotNegative($"{path}.mainBusinessRevenue", row.MainBusinessRevenue);
                NotNegative($"{path}.rdExpense", row.RdExpense);
                NotNegative($"{path}.totalAssets", row.TotalAssets);
                NotNegative($"{path}.totalLiabilities", row.TotalLiabilities);
                if (row is { MainBusinessRevenue: { } main, OperatingRevenue: { } revenue and >= 0m } && main > revenue)
                {
                    Add($"{path}.mainBusinessRevenue", "主营业务收入不能大于营业收入");
                }
            }
        }

        private void Titles()
        {
            var titles = profile.Titles ?? [];
            for (var i = 0; i < titles.Count; i++)
            {
                var path = $"titles[{i}]";
                if (titles[i] is not { } title)
                {
                    Add(path, "称号不能为空");
                    continue;
                }
                if (string.IsNullOrWhiteSpace(title.Tier))
                {
                    Add($"{path}.tier", "缺少称号层级");
                }
                if (title.ValidUntil is null)
                {
                    Add($"{path}.validUntil", "缺少有效期");
                }
            }
        }

        private void NotNegative(string field, decimal? value)
        {
            if (value < 0m)
            {
                Add(field, "不能为负数");
            }
        }

        private void AtLeastOne(string field, int? rank)
        {
            if (rank < 1)
            {
                Add(field, "排名必须从1开始");
            }
        }

        private void Within(string field, decimal? value, decimal min, decimal max, string what)
        {
            if (value < min || value > max)
            {
                Add(field, $"{what}必须在{min}至{max}之间");
            }
        }

        private void Defined<T>(string field, T? value) where T : struct, Enum
        {
            if (value is { } v && !Enum.IsDefined(v))
            {
                Add(field, "取值无效");
            }
        }

        private void Add(string field, string message) => errors.Add(new ProfileError(field, message));
    }
}
