using Certification.Domain.Criteria.Profiles;

namespace Certification.Workflows.Features.Demo;

/// <summary>
/// Enterprise names as they look in the registers ("杭州恒拓精密机械有限公司"), and a few hostile ones that demo data
/// must carry so exports are exercised on them: spreadsheet formulas, quotes and commas, line breaks, very long CJK names.
/// </summary>
public static class DemoNames
{
    private static readonly string[] Brands =
    [
        "恒拓", "华锐", "中科", "精研", "博远", "鼎盛", "瑞达", "天成", "宏图", "新锐", "正泰", "科达", "金石", "泰和", "远航", "智联",
        "宇辰", "汇川", "长城", "海纳", "启明", "东方", "卓越", "创新", "永信", "德邦", "联创", "晶瑞", "明泰", "鑫源", "中恒", "凯歌",
    ];

    private static readonly string[] Trades =
    [
        "精密机械", "新材料科技", "智能装备", "电子科技", "生物医药", "汽车零部件", "传感技术", "工业软件", "光电科技", "数控机床",
        "节能环保", "半导体设备", "医疗器械", "新能源科技", "特种纤维", "精细化工", "机器人", "检测技术", "液压传动", "轴承制造",
    ];

    private static readonly string[] Forms = ["有限公司", "股份有限公司", "有限公司", "科技有限公司"];

    /// <summary>Names that try to break spreadsheets and CSV (what the registration rules let through is what gets stored).</summary>
    public static readonly string[] Hostile =
    [
        "=HYPERLINK(\"http://evil.example\",\"点击查看\")科技有限公司",
        "+86 智能电话科技有限公司",
        "-1+1 数字精密有限公司",
        "@SUM(A1:A9) 材料有限公司",
        "\"引号\"与逗号,精密机械有限公司",
        "换行\n测试电子有限公司",
        new string('长', 60) + "江三角洲高端装备制造产业创新研究院有限公司",
    ];

    public static string Make(Random random, DemoCounty county) =>
        $"{county.CityShortName}{Brands[random.Next(Brands.Length)]}{Trades[random.Next(Trades.Length)]}{Forms[random.Next(Forms.Length)]}";

    /// <summary>A valid 统一社会信用代码 (企业, 法人) in the county, unique per <paramref name="serial"/> (below 10 million).</summary>
    public static string CreditCode(string county, int serial)
    {
        var first17 = $"91{county}MA{serial % 10_000_000:D7}";
        return first17 + Certification.Domain.Criteria.Profiles.CreditCode.CheckCharacter(first17);
    }
}
