using System.Reflection;
using System.Text.Json.Serialization;
using Certification.Domain.Criteria.Profiles;

namespace Certification.Domain.Criteria.Measures;

/// <summary>Measures read from the enterprise's declarations other than the financial statements.</summary>
internal static class EnterpriseMeasures
{
    public static IEnumerable<Measure> All() =>
    [
        Flag("isSme", "中小企业划型", p => p.IsSme, "属于中小企业", "不属于中小企业"),
        Flag("independentLegalPerson", "法人资格", p => p.IndependentLegalPerson, "具有独立法人资格", "不具有独立法人资格"),
        Flag("compliance.abnormalOperationList", "经营异常名录", p => p.Compliance?.AbnormalOperationList,
            "被列入经营异常名录", "未被列入经营异常名录"),
        Flag("compliance.seriousDishonestyList", "严重失信主体名单", p => p.Compliance?.SeriousDishonestyList,
            "被列入严重失信主体名单", "未被列入严重失信主体名单"),
        Flag("compliance.prohibitedProducts", "产品（服务）类别", p => p.Compliance?.ProhibitedProducts,
            "产品属于禁止、限制或淘汰类", "产品不属于禁止、限制或淘汰类"),
        Flag("compliance.majorIncidentLast3Years", "近三年重大事故或违法行为", p => p.Compliance?.MajorIncidentLast3Years,
            "近三年发生重大安全、质量、环境事故或违法行为", "近三年未发生重大安全、质量、环境事故或违法行为"),

        Number("equityFinancing.last2Years", "近2年新增股权融资", MeasureKind.Amount, p => p.EquityFinancing?.Last2Years),
        Number("equityFinancing.last3Years", "近3年新增股权融资", MeasureKind.Amount, p => p.EquityFinancing?.Last3Years),
        Number("nicheMarketYears", "从事特定细分市场年限", MeasureKind.Count, p => p.NicheMarketYears, "年"),
        Number("employees", "职工总数", MeasureKind.Count, p => p.Employees, "人"),
        Number("rdStaff", "研发人员数", MeasureKind.Count, p => p.RdStaff, "人"),
        new Measure
        {
            Name = "rdStaffShare",
            Label = "研发人员占职工总数比重",
            Kind = MeasureKind.Ratio,
            Read = (f, _) => ProfileFacts.Ratio(
                MeasureValue.Of(f.Profile.RdStaff, "缺少研发人员数数据"),
                MeasureValue.Of(f.Profile.Employees, "缺少职工总数数据"),
                "职工总数为0，无法计算研发人员占比"),
        },

        Number("ip.class1HighValue", "一类高价值知识产权", MeasureKind.Count, p => p.Ip?.Class1HighValue, "项"),
        Number("ip.class1SelfDeveloped", "自主研发一类知识产权", MeasureKind.Count, p => p.Ip?.Class1SelfDeveloped, "项"),
        Number("ip.class1", "一类知识产权", MeasureKind.Count, p => p.Ip?.Class1, "项"),
        Number("ip.class2", "二类知识产权", MeasureKind.Count, p => p.Ip?.Class2, "项"),
        Number("ip.class1AppliedWithBenefit", "已应用并产生经济效益的一类知识产权", MeasureKind.Count,
            p => p.Ip?.Class1AppliedWithBenefit, "项"),

        Choice("rdInstitution", "研发机构级别", p => p.RdInstitution, new()
        {
            [RdInstitutionLevel.None] = "无研发机构",
            [RdInstitutionLevel.BelowCity] = "市级以下",
            [RdInstitutionLevel.City] = "市级",
            [RdInstitutionLevel.Provincial] = "省级",
            [RdInstitutionLevel.National] = "国家级",
        }),
        Number("digitalLevel", "数字化水平", MeasureKind.Level, p => p.DigitalLevel),

        Flag("quality.qualityAwardLast3Years", "质量奖励", p => p.Quality?.QualityAwardLast3Years,
            "近三年获得省级以上质量奖励", "近三年未获得省级以上质量奖励"),
        Flag("quality.qualitySystemCertified", "质量管理体系认证", p => p.Quality?.QualitySystemCertified,
            "通过质量管理体系认证", "未通过质量管理体系认证"),
        Flag("quality.ownBrand", "自主品牌", p => p.Quality?.OwnBrand, "拥有自主品牌", "无自主品牌"),
        Flag("quality.standardsParticipation", "参与制修订标准", p => p.Quality?.StandardsParticipation,
            "参与制修订标准", "未参与制修订标准"),

        Flag("productField.strategicEmerging", "主导产品所属领域", p => p.ProductField?.StrategicEmerging,
            "主导产品属于《战略性新兴产业分类》", "主导产品不属于《战略性新兴产业分类》"),
        Choice("productField.specializedField", "主导产品所属领域", p => p.ProductField?.SpecializedField, new()
        {
            [SpecializedField.KeyChain] = "关键领域“补短板”“锻长板”“填空白”成果",
            [SpecializedField.SixFoundations] = "工业“六基”、中华老字号或产业链龙头企业配套",
            [SpecializedField.Other] = "其他领域",
        }),
        Flag("productField.littleGiantKeyField", "主导产品所属领域", p => p.ProductField?.LittleGiantKeyField,
            "主导产品属于重点领域", "主导产品不属于重点领域"),

        Number("awards.nationalRank", "国家级科技奖励获奖单位排名", MeasureKind.Rank, p => p.Awards?.NationalRank,
            missing: "近三年未获得国家级科技奖励"),
        Number("awards.provincialRank", "省级科技奖励获奖单位排名", MeasureKind.Rank, p => p.Awards?.ProvincialRank,
            missing: "近三年未获得省级科技奖励"),
        Flag("honors.highTechEnterprise", "高新技术企业", p => p.Honors?.HighTechEnterprise,
            "高新技术企业（有效期内）", "非高新技术企业"),
        Flag("honors.nationalTechInnovationDemo", "国家级技术创新示范企业", p => p.Honors?.NationalTechInnovationDemo,
            "国家级技术创新示范企业（有效期内）", "非国家级技术创新示范企业"),
        Flag("honors.ipAdvantageOrDemo", "知识产权优势企业或示范企业", p => p.Honors?.IpAdvantageOrDemo,
            "知识产权优势企业或示范企业（有效期内）", "非知识产权优势企业或示范企业"),
        new Measure
        {
            Name = "makerChina",
            Label = "“创客中国”大赛",
            Kind = MeasureKind.Choice,
            // null means the enterprise did not place, which is a fact rather than missing data.
            Read = (f, _) => new ChoiceValue(f.Profile.MakerChina is { } rank ? JsonName(rank) : "none"),
            Choices = new Dictionary<string, string>
            {
                ["none"] = "近三年未进入全国500强",
                [JsonName(MakerChinaRank.Top500)] = "近三年进入全国500强",
                [JsonName(MakerChinaRank.Top50)] = "近三年进入全国50强",
            },
        },

        Number("littleGiant.nationalMarketShare", "细分市场全国市场占有率", MeasureKind.Percent,
            p => p.LittleGiant?.NationalMarketShare),
        Flag("littleGiant.coreBusinessInfoSystem", "核心业务信息系统", p => p.LittleGiant?.CoreBusinessInfoSystem,
            "至少一项核心业务采用信息系统支撑", "核心业务未采用信息系统支撑"),
        Flag("littleGiant.managementOrProductCertification", "管理体系或产品认证",
            p => p.LittleGiant?.ManagementOrProductCertification,
            "取得管理体系认证或发达国家（地区）产品认证", "未取得管理体系认证或发达国家（地区）产品认证"),
        Flag("littleGiant.keyChainLink", "产业链关键环节", p => p.LittleGiant?.KeyChainLink,
            "位于产业链关键环节（补短板、锻长板、填空白）", "未位于产业链关键环节"),

        Number("regionalFeatureScore", "地方特色化指标得分", MeasureKind.Score, p => p.RegionalFeatureScore),
    ];

    private static Measure Flag(string name, string label, Func<EnterpriseProfile, bool?> read, string yes, string no)
        => new()
        {
            Name = name,
            Label = label,
            Kind = MeasureKind.Flag,
            YesText = yes,
            NoText = no,
            Read = (f, _) => MeasureValue.Of(read(f.Profile), $"缺少{label}信息"),
        };

    private static Measure Number(string name, string label, MeasureKind kind, Func<EnterpriseProfile, decimal?> read,
        string unit = "", string? missing = null)
        => new()
        {
            Name = name,
            Label = label,
            Kind = kind,
            Unit = unit,
            Read = (f, _) => MeasureValue.Of(read(f.Profile), missing ?? $"缺少{label}数据"),
        };

    private static Measure Choice<T>(string name, string label, Func<EnterpriseProfile, T?> read,
        Dictionary<T, string> shown) where T : struct, Enum
        => new()
        {
            Name = name,
            Label = label,
            Kind = MeasureKind.Choice,
            Choices = shown.ToDictionary(pair => JsonName(pair.Key), pair => pair.Value),
            Read = (f, _) => read(f.Profile) is { } value
                ? new ChoiceValue(JsonName(value))
                : new MissingValue($"缺少{label}信息"),
        };

    /// <summary>The value as written in profile JSON, so criteria files use the same spelling.</summary>
    private static string JsonName<T>(T value) where T : struct, Enum
        => typeof(T).GetField(value.ToString())?.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name
           ?? value.ToString();
}
