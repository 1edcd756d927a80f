namespace Certification.Domain.Documents;

/// <summary>One item of a tier's materials checklist (申报材料清单): the code documents are filed under, its Chinese name.</summary>
public sealed record MaterialItem(string Code, string Name, bool Required, string Description);

/// <summary>
/// The materials each tier asks for, as data. A submission is refused while a required item has no document.
/// Higher tiers ask for everything the lower ones do and more. A tier not listed here (a province's own rung)
/// gets the basic list until its own is added.
/// </summary>
public static class MaterialChecklist
{
    private static readonly MaterialItem BusinessLicense =
        new("business-license", "营业执照", true, "营业执照副本扫描件（加盖公章）");
    private static readonly MaterialItem FinancialStatements =
        new("financial-statements", "财务报表", true, "近年度财务报表（资产负债表、利润表），与填报的财务数据一致");
    private static readonly MaterialItem IpProof =
        new("ip-proof", "知识产权证明", true, "与主导产品相关的有效知识产权证书或授权文件");
    private static readonly MaterialItem RdExpenseAudit =
        new("rd-expense-audit", "研发费用专项审计报告", true, "上年度研发费用专项审计（鉴证）报告");
    private static readonly MaterialItem CreditCommitment =
        new("credit-commitment", "信用承诺书", true, "申报材料真实性及无违法违规情况的承诺书（加盖公章）");
    private static readonly MaterialItem MarketShareProof =
        new("market-share-proof", "主导产品市场占有率证明", true, "主导产品在细分市场的全国占有率证明（行业协会或第三方机构出具）");
    private static readonly MaterialItem ManagementCertification =
        new("management-certification", "管理体系或产品认证证书", true, "管理体系认证或发达国家（地区）产品认证证书");
    private static readonly MaterialItem HonorsProof =
        new("honors-proof", "荣誉资质证明", false, "获奖、高新技术企业等荣誉资质证明（有则提供）");
    private static readonly MaterialItem QualityProof =
        new("quality-proof", "质量管理与标准证明", false, "质量奖项、质量管理体系认证、参与标准制定等证明（有则提供）");
    private static readonly MaterialItem Other =
        new("other", "其他材料", false, "其他需要说明的材料");

    private static readonly IReadOnlyList<MaterialItem> Basic = [BusinessLicense, FinancialStatements, IpProof, HonorsProof, Other];

    private static readonly Dictionary<string, IReadOnlyList<MaterialItem>> ByTier = new(StringComparer.Ordinal)
    {
        ["innovative"] = Basic,
        ["specialized"] = [BusinessLicense, FinancialStatements, IpProof, RdExpenseAudit, CreditCommitment, HonorsProof, QualityProof, Other],
        ["little-giant"] =
        [
            BusinessLicense, FinancialStatements, IpProof, RdExpenseAudit, CreditCommitment, MarketShareProof,
            ManagementCertification, HonorsProof, QualityProof, Other,
        ],
    };

    public static IReadOnlyList<MaterialItem> For(string tier) => ByTier.GetValueOrDefault(tier) ?? Basic;

    /// <summary>Finds an item by its code or its Chinese name.</summary>
    public static MaterialItem? Find(string tier, string? item)
    {
        var key = item?.Trim();
        return string.IsNullOrEmpty(key) ? null : For(tier).FirstOrDefault(m => m.Code == key || m.Name == key);
    }

    /// <summary>Required items without any document, in checklist order.</summary>
    public static IReadOnlyList<MaterialItem> Missing(string tier, IEnumerable<string> presentItems)
    {
        var present = presentItems.ToHashSet(StringComparer.Ordinal);
        return For(tier).Where(m => m.Required && !present.Contains(m.Code)).ToList();
    }
}
